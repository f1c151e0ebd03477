"""Wholesale business rules: who gets wholesale terms, tier prices and quantity rules, credit,
business orders, VAT invoices and their numbering, payments and overdue reminders."""

import datetime
import logging
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from oscar.templatetags.currency_filters import currency

from .models import (
    Business,
    BusinessBuyer,
    BusinessOrder,
    BusinessStatus,
    Invoice,
    InvoiceCounter,
    InvoicePayment,
    InvoiceStatus,
    PaymentTerms,
    PriceTier,
    WholesaleTerms,
)

logger = logging.getLogger(__name__)

_NO_BUYER = object()


class WholesaleError(Exception):
    """A wholesale rule refused the action; the message is for the buyer or staff."""


class CreditLimitExceeded(WholesaleError):
    pass


# --- Who buys wholesale ---------------------------------------------------------------------


def buyer_for(user):
    """The BusinessBuyer of ``user`` (any status), cached on the user object, or None."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, "_wholesale_buyer", None)
    if cached is None:
        cached = (
            BusinessBuyer.objects.select_related("business").filter(user_id=user.pk).first()
            or _NO_BUYER
        )
        user._wholesale_buyer = cached
    return None if cached is _NO_BUYER else cached


def business_for(user):
    buyer = buyer_for(user)
    return buyer.business if buyer else None


def verified_business_for(user):
    business = business_for(user)
    if business is not None and business.status == BusinessStatus.VERIFIED:
        return business
    return None


def forget_buyer(user):
    if hasattr(user, "_wholesale_buyer"):
        del user._wholesale_buyer


def register_business(user, **fields):
    """A user registers their company: pending until staff verify it."""
    with transaction.atomic():
        if BusinessBuyer.objects.filter(user=user).exists():
            raise WholesaleError(gettext("Your account already belongs to a business."))
        business = Business.objects.create(status=BusinessStatus.PENDING, **fields)
        BusinessBuyer.objects.create(business=business, user=user, role="admin")
    forget_buyer(user)
    return business


def add_buyer(business, email, role="buyer"):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise WholesaleError(
            gettext("No customer account uses %(email)s: ask them to register first.")
            % {"email": email}
        )
    if BusinessBuyer.objects.filter(user=user).exists():
        raise WholesaleError(gettext("%(email)s already buys for a business.") % {"email": email})
    return BusinessBuyer.objects.create(business=business, user=user, role=role)


def set_status(business, status, user=None):
    business.status = status
    if status == BusinessStatus.VERIFIED and business.verified_at is None:
        business.verified_at = timezone.now()
    business.save(update_fields=["status", "verified_at"])
    return business


# --- Tiers, quantities, VAT -----------------------------------------------------------------


def _cached(stockrecord, attr, loader):
    key = f"_wholesale_{attr}"
    if not hasattr(stockrecord, key):
        setattr(stockrecord, key, loader())
    return getattr(stockrecord, key)


def tiers_for(stockrecord):
    """The stock record's price tiers, lowest quantity first (cached on the instance)."""
    return _cached(
        stockrecord,
        "tiers",
        lambda: list(PriceTier.objects.filter(stockrecord=stockrecord).order_by("min_quantity")),
    )


def terms_for(stockrecord):
    return _cached(
        stockrecord,
        "terms",
        lambda: WholesaleTerms.objects.filter(stockrecord=stockrecord).first(),
    )


def tier_for(stockrecord, quantity):
    """The tier that applies to ``quantity`` units (the highest threshold reached), or None."""
    chosen = None
    for tier in tiers_for(stockrecord):
        if tier.min_quantity <= quantity:
            chosen = tier
    return chosen


def vat_rate(stockrecord):
    """VAT rate in percent for the stock record's product."""
    terms = terms_for(stockrecord)
    if terms is not None and terms.vat_rate is not None:
        return Decimal(terms.vat_rate)
    return Decimal(str(settings.WHOLESALE_DEFAULT_VAT_RATE))


def quantity_problem(product, quantity, min_quantity=1, case_size=1):
    """Why ``quantity`` breaks the minimum order quantity or case size, or None."""
    title = product.get_title() if product is not None else ""
    if quantity < min_quantity:
        return gettext(
            "The minimum order for %(product)s is %(min)d units (you asked for %(qty)d)."
        ) % {"product": title, "min": min_quantity, "qty": quantity}
    if case_size > 1 and quantity % case_size:
        return gettext(
            "%(product)s is sold in cases of %(case)d: order a multiple of %(case)d "
            "(for example %(lower)d or %(upper)d)."
        ) % {
            "product": title,
            "case": case_size,
            "lower": max(case_size, quantity - quantity % case_size),
            "upper": quantity - quantity % case_size + case_size,
        }
    return None


def tier_rows(stockrecord):
    """Tiers as (from, to or None, unit price before VAT) for display."""
    tiers = tiers_for(stockrecord)
    rows = []
    for index, tier in enumerate(tiers):
        upper = tiers[index + 1].min_quantity - 1 if index + 1 < len(tiers) else None
        rows.append({"min": tier.min_quantity, "max": upper, "price": tier.price_excl_tax})
    return rows


def replace_tiers(stockrecord, rows, *, min_quantity=1, case_size=1, vat_rate=None):
    """Set a stock record's tiers ((min_quantity, price) pairs) and quantity rules at once."""
    with transaction.atomic():
        PriceTier.objects.filter(stockrecord=stockrecord).delete()
        for minimum, price in rows:
            PriceTier.objects.create(
                stockrecord=stockrecord, min_quantity=minimum, price_excl_tax=price
            )
        WholesaleTerms.objects.update_or_create(
            stockrecord=stockrecord,
            defaults={"min_quantity": min_quantity, "case_size": case_size, "vat_rate": vat_rate},
        )
    for key in ("_wholesale_tiers", "_wholesale_terms"):
        if hasattr(stockrecord, key):
            delattr(stockrecord, key)


# --- Credit -----------------------------------------------------------------------------------


def open_credit(business):
    """What the business owes on invoices of its net-terms orders."""
    row = (
        Invoice.objects.filter(
            business_order__business=business,
            status=InvoiceStatus.UNPAID,
        )
        .exclude(business_order__payment_terms=PaymentTerms.PREPAID)
        .aggregate(total=Sum(F("total_incl_tax") - F("amount_paid")))
    )
    return row["total"] or Decimal("0")


def available_credit(business):
    return max(Decimal("0"), business.credit_limit - open_credit(business))


def check_credit(business, amount):
    """Lock the business and refuse an on-account order beyond its credit limit.

    Call inside the transaction that places the order: concurrent orders of the same business
    are serialised on the business row.
    """
    if not business.on_net_terms:
        raise CreditLimitExceeded(
            gettext("Your business does not buy on payment terms: please pay when ordering.")
        )
    locked = Business.objects.select_for_update().get(pk=business.pk)
    owed = open_credit(locked)
    if owed + Decimal(amount) > locked.credit_limit:
        raise CreditLimitExceeded(
            gettext(
                "This order (%(amount)s) would exceed your credit limit of %(limit)s: "
                "%(owed)s is still open on unpaid invoices, so %(left)s is available. "
                "Pay open invoices, order less, or choose another payment method."
            )
            % {
                "amount": currency(amount),
                "limit": currency(locked.credit_limit),
                "owed": currency(owed),
                "left": currency(max(Decimal("0"), locked.credit_limit - owed)),
            }
        )


# --- Business orders and invoices ------------------------------------------------------------


def next_invoice_number():
    """The next number of the unbroken sequence (locks the counter row until commit)."""
    counter, _created = InvoiceCounter.objects.get_or_create(name="vat")
    counter = InvoiceCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def record_business_order(
    order, business, *, po_number, delivery_date=None, store=None, on_account=False
):
    """Attach PO number, delivery date and store to ``order`` and issue its VAT invoice.

    Runs in the transaction that placed the order, so the invoice number is taken only for an
    order that exists.
    """
    terms = business.payment_terms if on_account else PaymentTerms.PREPAID
    with transaction.atomic():
        business_order = BusinessOrder.objects.create(
            order=order,
            business=business,
            po_number=po_number,
            delivery_date=delivery_date,
            store=store,
            payment_terms=terms,
        )
        issue_invoice(business_order)
    return business_order


def issue_invoice(business_order):
    order = business_order.order
    issued = timezone.now()
    days = {PaymentTerms.NET_15: 15, PaymentTerms.NET_30: 30}.get(business_order.payment_terms, 0)
    excl = sum((line.line_price_excl_tax for line in order.lines.all()), Decimal("0"))
    incl = sum((line.line_price_incl_tax for line in order.lines.all()), Decimal("0"))
    excl += order.shipping_excl_tax
    incl += order.shipping_incl_tax
    return Invoice.objects.create(
        business_order=business_order,
        number=next_invoice_number(),
        issued_at=issued,
        due_date=timezone.localdate(issued) + datetime.timedelta(days=days),
        total_excl_tax=excl,
        total_tax=incl - excl,
        total_incl_tax=incl,
        status=InvoiceStatus.UNPAID,
    )


def record_payment(invoice, *, amount, reference, paid_on=None, user=None):
    """Staff record a payment against an invoice; the full amount marks it (and its order) paid."""
    from shop.checkout import services as checkout

    amount = Decimal(amount)
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if invoice.status != InvoiceStatus.UNPAID:
            raise WholesaleError(gettext("This invoice is not open for payments."))
        if amount <= 0 or amount != amount.to_integral_value():
            raise WholesaleError(gettext("Enter a positive amount in whole dong."))
        if amount > invoice.amount_due:
            raise WholesaleError(
                gettext("The amount is more than what is due (%(due)s).")
                % {"due": currency(invoice.amount_due)}
            )
        payment = InvoicePayment.objects.create(
            invoice=invoice,
            amount=amount,
            reference=reference,
            paid_on=paid_on or timezone.localdate(),
            recorded_by=user,
        )
        invoice.amount_paid += amount
        if invoice.amount_paid >= invoice.total_incl_tax:
            invoice.status = InvoiceStatus.PAID
        invoice.save(update_fields=["amount_paid", "status"])
        if invoice.status == InvoiceStatus.PAID:
            order = invoice.business_order.order
            if order.status != checkout.CANCELLED:
                checkout.mark_order_paid(
                    order,
                    method=checkout.METHOD_ON_ACCOUNT,
                    amount=invoice.total_incl_tax,
                    reference=f"invoice-{invoice.number}",
                    user=user,
                )
    return payment


def overdue_invoices():
    return (
        Invoice.objects.filter(status=InvoiceStatus.UNPAID, due_date__lt=timezone.localdate())
        .exclude(business_order__payment_terms=PaymentTerms.PREPAID)
        .select_related("business_order__business", "business_order__order")
    )


def remind_overdue_invoices(now=None):
    """Email each business with overdue invoices (at most once per reminder interval)."""
    now = now or timezone.now()
    interval = datetime.timedelta(days=settings.WHOLESALE_REMINDER_INTERVAL_DAYS)
    reminded = []
    for invoice in overdue_invoices():
        if invoice.last_reminded_at and now - invoice.last_reminded_at < interval:
            continue
        with transaction.atomic():
            locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
            if locked.last_reminded_at and now - locked.last_reminded_at < interval:
                continue
            send_overdue_reminder(invoice)
            locked.last_reminded_at = now
            locked.save(update_fields=["last_reminded_at"])
        reminded.append(invoice.pk)
    return reminded


def send_overdue_reminder(invoice):
    from django.core.mail import send_mail
    from django.utils import translation

    business = invoice.business_order.business
    recipients = [business.email] + [
        buyer.user.email for buyer in business.buyers.select_related("user") if buyer.user.email
    ]
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("Invoice %(number)s is overdue") % {"number": invoice.display_number}
        days = invoice.days_overdue
        body = gettext(
            "Dear %(business)s,\n\nVAT invoice %(number)s (order %(order)s, PO %(po)s) was due "
            "on %(due)s. %(amount)s is still unpaid.\n\nPlease transfer the amount quoting the "
            "invoice number.\n"
        ) % {
            "business": business.name,
            "number": invoice.display_number,
            "order": invoice.business_order.order.number,
            "po": invoice.business_order.po_number,
            "due": invoice.due_date.strftime("%d/%m/%Y"),
            "amount": currency(invoice.amount_due),
        }
        body += ngettext("It is %(days)d day overdue.", "It is %(days)d days overdue.", days) % {
            "days": days
        }
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, sorted(set(recipients)))


# --- Bulk ordering: quick order, CSV, re-order ------------------------------------------------


def find_stockrecord(sku):
    from oscar.core.loading import get_model

    StockRecord = get_model("partner", "StockRecord")
    sku = (sku or "").strip()
    if not sku:
        return None
    return (
        StockRecord.objects.select_related("product", "product__product_class")
        .filter(partner_sku__iexact=sku, product__is_public=True)
        .first()
    )


def check_rows(rows, basket):
    """Check (row number, SKU, quantity text) rows against the basket's strategy.

    Returns (items, errors): items are (product, stockrecord, quantity) with duplicate SKUs
    summed; errors are (row number, message). Nothing is added here.
    """
    errors = []
    wanted = {}
    order = []
    for number, sku, raw_qty in rows:
        record = find_stockrecord(sku)
        if record is None:
            errors.append((number, gettext("Unknown SKU “%(sku)s”.") % {"sku": sku or "—"}))
            continue
        try:
            quantity = int(str(raw_qty).strip())
        except (TypeError, ValueError):
            errors.append(
                (
                    number,
                    gettext("The quantity “%(qty)s” is not a whole number.") % {"qty": raw_qty},
                )
            )
            continue
        if quantity <= 0:
            errors.append((number, gettext("The quantity must be at least 1.")))
            continue
        if record.pk not in wanted:
            wanted[record.pk] = [number, record, 0]
            order.append(record.pk)
        wanted[record.pk][2] += quantity

    in_basket = {}
    if basket.id:
        for line in basket.all_lines():
            in_basket[line.stockrecord_id] = in_basket.get(line.stockrecord_id, 0) + line.quantity
    items = []
    total_items = basket.num_items if basket.id else 0
    for pk in order:
        number, record, quantity = wanted[pk]
        product = record.product
        info = basket.strategy.fetch_for_product(product, record)
        if not info.price.exists or not info.availability.is_available_to_buy:
            errors.append(
                (
                    number,
                    gettext("%(product)s cannot be bought now.") % {"product": product.get_title()},
                )
            )
            continue
        permitted, reason = info.availability.is_purchase_permitted(quantity + in_basket.get(pk, 0))
        if not permitted:
            errors.append((number, f"{product.get_title()}: {reason}"))
            continue
        items.append((product, record, quantity))
        total_items += quantity
    threshold = (
        getattr(basket.strategy, "max_basket_quantity", None)
        or settings.OSCAR_MAX_BASKET_QUANTITY_THRESHOLD
    )
    if threshold and total_items > threshold:
        errors.append(
            (0, gettext("A basket holds at most %(limit)d items.") % {"limit": threshold})
        )
    errors.sort(key=lambda e: e[0])
    return items, errors


def add_rows_to_basket(basket, rows):
    """Add every row or none: returns the errors (row number, message) when any row is bad."""
    items, errors = check_rows(rows, basket)
    if errors:
        return errors
    with transaction.atomic():
        for product, _record, quantity in items:
            basket.add_product(product, quantity)
    return []


def reorder(order, basket):
    """Put a past order's lines in the basket again; returns the changes since that order.

    Each change is a message: a price that differs (for the quantity ordered), a product no
    longer sold, or stock short of the quantity (the quantity is then reduced to what is left).
    """
    changes = []
    for line in order.lines.select_related("product", "stockrecord"):
        product = line.product
        if product is None or line.stockrecord is None or not product.is_public:
            changes.append(gettext("%(title)s is no longer sold.") % {"title": line.title})
            continue
        info = basket.strategy.fetch_for_product(product, line.stockrecord)
        if not info.availability.is_available_to_buy:
            changes.append(
                gettext("%(title)s is out of stock and was not added.") % {"title": line.title}
            )
            continue
        quantity = line.quantity
        num_available = getattr(info.availability, "num_available", None)
        if num_available is not None and num_available < quantity:
            changes.append(
                gettext("Only %(left)d of %(title)s are in stock (you ordered %(qty)d).")
                % {"left": num_available, "title": line.title, "qty": quantity}
            )
            quantity = num_available
        basket_line, _created = basket.add_product(product, quantity)
        if hasattr(basket_line, "_info"):
            del basket_line._info
        current = basket_line.purchase_info.price
        before = line.unit_price_incl_tax
        now = current.incl_tax if current.is_tax_known else current.excl_tax
        if before is not None and now != before:
            values = {"title": line.title, "old": currency(before), "new": currency(now)}
            if now > before:
                changes.append(
                    gettext("The price of %(title)s went up from %(old)s to %(new)s.") % values
                )
            else:
                changes.append(
                    gettext("The price of %(title)s went down from %(old)s to %(new)s.") % values
                )
    return changes


# --- Orders placed without the web checkout (API, accepted quotes) ---------------------------


class OrderRejected(WholesaleError):
    """The order was refused; ``errors`` lists (row number, message)."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("; ".join(message for _row, message in self.errors))


def wholesale_strategy(business, price_overrides=None, request=None):
    from shop.partner.strategy import Wholesale

    return Wholesale(request, business=business, price_overrides=price_overrides)


def _store_address(business, store):
    from oscar.core.loading import get_model

    ShippingAddress = get_model("order", "ShippingAddress")
    Country = get_model("address", "Country")
    country = Country.objects.filter(iso_3166_1_a2="VN").first() or Country.objects.first()
    target = store
    address_text = store.address if store else business.billing_address
    first_line, *rest = [part.strip() for part in address_text.replace("\n", ",").split(",")] or [
        ""
    ]
    return ShippingAddress(
        first_name=(target.contact_name if target and target.contact_name else business.name)[:255],
        last_name="",
        line1=first_line[:255],
        line2=", ".join(rest[:-1])[:255] if len(rest) > 1 else "",
        line4=(rest[-1] if rest else first_line)[:255],
        country=country,
        phone_number=(target.phone if target and target.phone else business.phone) or "",
        notes=store.name if store else "",
    )


def place_business_order(
    *,
    user,
    business,
    rows,
    po_number,
    delivery_date=None,
    store=None,
    price_overrides=None,
):
    """Place a business order from (row, SKU, quantity) rows: all rows valid or nothing.

    Net-terms businesses order on account (credit limit checked); prepaid businesses get an
    order awaiting a bank transfer. Raises OrderRejected with per-row messages.
    """
    from oscar.core.loading import get_class, get_model

    from shop.checkout import services as checkout

    Basket = get_model("basket", "Basket")
    Repository = get_class("shipping.repository", "Repository")
    OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
    OrderNumberGenerator = get_class("order.utils", "OrderNumberGenerator")

    if not business.is_verified:
        raise OrderRejected([(0, gettext("Your business is not verified yet."))])
    if not (po_number or "").strip():
        raise OrderRejected([(0, gettext("Enter the purchase order number."))])
    if store is not None and store.business_id != business.pk:
        raise OrderRejected([(0, gettext("Unknown store."))])
    with transaction.atomic():
        basket = Basket.objects.create(owner=user)
        basket.strategy = wholesale_strategy(business, price_overrides)
        errors = add_rows_to_basket(basket, rows)
        if errors:
            raise OrderRejected(errors)
        basket = Basket.objects.get(pk=basket.pk)
        basket.strategy = wholesale_strategy(business, price_overrides)
        for line in basket.all_lines():
            permitted, reason = line.purchase_info.availability.is_purchase_permitted(line.quantity)
            if not permitted:
                raise OrderRejected([(0, f"{line.product.get_title()}: {reason}")])
        address = _store_address(business, store)
        address.save()
        method = Repository().get_default_shipping_method(basket=basket, shipping_addr=address)
        charge = method.calculate(basket)
        total = OrderTotalCalculator().calculate(basket, charge)
        payment = (
            checkout.METHOD_ON_ACCOUNT if business.on_net_terms else checkout.METHOD_BANK_TRANSFER
        )
        if payment == checkout.METHOD_ON_ACCOUNT:
            try:
                check_credit(business, total.incl_tax)
            except CreditLimitExceeded as exc:
                raise OrderRejected([(0, str(exc))]) from exc
        order = checkout.place_order(
            basket=basket,
            total=total,
            shipping_method=method,
            shipping_charge=charge,
            user=user,
            shipping_address=address,
            order_number=OrderNumberGenerator().order_number(basket),
            status=checkout.initial_status(payment),
        )
        source = checkout.payment_source(payment, total)
        source.order = order
        source.save()
        basket.submit()
        record_business_order(
            order,
            business,
            po_number=po_number.strip(),
            delivery_date=delivery_date,
            store=store,
            on_account=payment == checkout.METHOD_ON_ACCOUNT,
        )
    return order


# --- Requests for quotation -------------------------------------------------------------------


def request_quote(business, user, *, sku, quantity, message=""):
    from .models import Quote

    record = find_stockrecord(sku)
    if record is None:
        raise WholesaleError(gettext("Unknown SKU “%(sku)s”.") % {"sku": sku})
    return Quote.objects.create(
        business=business, requested_by=user, stockrecord=record, quantity=quantity, message=message
    )


def answer_quote(quote, *, unit_price_excl_tax, valid_until, answer="", user=None):
    from .models import QuoteStatus

    if quote.status not in (QuoteStatus.REQUESTED, QuoteStatus.ANSWERED):
        raise WholesaleError(gettext("This quote can no longer be answered."))
    quote.unit_price_excl_tax = unit_price_excl_tax
    quote.valid_until = valid_until
    quote.answer = answer
    quote.answered_by = user
    quote.status = QuoteStatus.ANSWERED
    quote.save()
    return quote


def accept_quote(quote, user, *, po_number, delivery_date=None, store=None):
    """The buyer accepts a valid quote: an order for the quoted quantity at the quoted price."""
    from .models import Quote, QuoteStatus

    with transaction.atomic():
        quote = Quote.objects.select_for_update().select_related("stockrecord").get(pk=quote.pk)
        if not quote.is_open_offer:
            raise OrderRejected([(0, gettext("This quote is not open for acceptance."))])
        order = place_business_order(
            user=user,
            business=quote.business,
            rows=[(1, quote.stockrecord.partner_sku, quote.quantity)],
            po_number=po_number,
            delivery_date=delivery_date,
            store=store,
            price_overrides={quote.stockrecord_id: quote.unit_price_excl_tax},
        )
        quote.status = QuoteStatus.ACCEPTED
        quote.order = order
        quote.save(update_fields=["status", "order"])
    return order
