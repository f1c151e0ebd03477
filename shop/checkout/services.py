"""Order placement and the order's payment life cycle (the checkout's business rules).

- ``reserve_stock(basket)`` (``shop.checkout.stock``, where the shop's lock order is
  written down) locks the basket's stock records and discounts, re-checks what is still
  available and raises ``SoldOut``, naming each product, when a line can no longer be served.
  Called inside the transaction that creates the order, so availability is checked and stock
  allocated atomically.
- ``place_order(...)`` places an order outside the web checkout (same guarantees).
- ``mark_order_paid`` / ``cancel_order`` are the contract used by card payments and bank
  transfers.
"""

import logging
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext, pgettext_lazy
from oscar.core.loading import get_class, get_model

# The placement contract, used as ``services.SoldOut`` etc. by the checkout and other apps.
from .stock import SoldOut, consume_shipped, lock_stock_records, reserve_stock  # noqa: F401

logger = logging.getLogger(__name__)

PENDING_PAYMENT = "pending_payment"
PAID = "paid"
PROCESSING = "processing"
SHIPPED = "shipped"
DELIVERED = "delivered"
CANCELLED = "cancelled"

STATUS_LABELS = {
    PENDING_PAYMENT: pgettext_lazy("order status", "Awaiting payment"),
    PAID: pgettext_lazy("order status", "Paid"),
    PROCESSING: pgettext_lazy("order status", "Processing"),
    SHIPPED: pgettext_lazy("order status", "Shipped"),
    DELIVERED: pgettext_lazy("order status", "Delivered"),
    CANCELLED: pgettext_lazy("order status", "Cancelled"),
    "packed": pgettext_lazy("order status", "Packed"),
}


def status_label(code):
    """An order, line or bundle component status in words ("-" for none; an unknown code
    as it is)."""
    if not code:
        return "-"
    label = STATUS_LABELS.get(code)
    return label if label is not None else code


# Payment methods offered at checkout.
METHOD_CARD = "card"
METHOD_COD = "cod"
METHOD_BANK_TRANSFER = "bank_transfer"
# Verified businesses on net terms: no payment when ordering, the VAT invoice is paid later.
METHOD_ON_ACCOUNT = "on_account"
SOURCE_TYPE_NAMES = {
    METHOD_CARD: "Stripe",
    METHOD_BANK_TRANSFER: "Chuyển khoản VietQR",
    METHOD_COD: "COD",
    METHOD_ON_ACCOUNT: "Công nợ",
}
INITIAL_STATUS = {
    METHOD_CARD: PENDING_PAYMENT,
    METHOD_BANK_TRANSFER: PENDING_PAYMENT,
    METHOD_COD: PROCESSING,
    METHOD_ON_ACCOUNT: PROCESSING,
}


def place_order(*, basket, total, shipping_method, shipping_charge, **kwargs):
    """Create the order with stock checked and allocated atomically (raises SoldOut)."""
    OrderCreator = get_class("order.utils", "OrderCreator")
    with transaction.atomic():
        reserve_stock(basket)
        order = OrderCreator().place_order(
            basket=basket,
            total=total,
            shipping_method=shipping_method,
            shipping_charge=shipping_charge,
            **kwargs,
        )
        cascade_line_status(order)
        return order


def gift_cod_refusal():
    return gettext(
        "A gift delivered to someone else cannot be paid on delivery: the recipient would pay "
        "the courier and see the price. Please pay by bank transfer or card."
    )


def card_payments_enabled():
    """Card is offered only when the card payment side says it is configured."""
    try:
        from shop.payments.services import card_payments_enabled as enabled
    except ImportError:
        return False
    return bool(enabled())


def payment_settings():
    from shop.payments.models import PaymentSettings

    return PaymentSettings.current()


def available_payment_methods(user=None):
    """Methods offered to ``user``; "on account" only to buyers of a verified business on net
    terms."""
    methods = [METHOD_COD] if payment_settings().cod_enabled else []
    methods.append(METHOD_BANK_TRANSFER)
    if card_payments_enabled():
        methods.append(METHOD_CARD)
    if user is not None:
        from shop.wholesale.services import verified_business_for

        business = verified_business_for(user)
        if business is not None and business.on_net_terms:
            methods.insert(0, METHOD_ON_ACCOUNT)
    return methods


def payment_source(method, total):
    """An unsaved Oscar payment Source recording how the order is to be paid."""
    Source = get_model("payment", "Source")
    SourceType = get_model("payment", "SourceType")
    source_type, _created = SourceType.objects.get_or_create(name=SOURCE_TYPE_NAMES[method])
    return Source(source_type=source_type, currency=total.currency, amount_allocated=total.incl_tax)


def basket_fingerprint(basket, order_total):
    """What the buyer saw on the preview: lines, quantities, prices and the total."""
    import hashlib

    parts = [
        f"{line.stockrecord_id}:{line.quantity}:{line.line_price_incl_tax_incl_discounts}"
        for line in sorted(basket.all_lines(), key=lambda line: line.pk)
    ]
    parts.append(f"total:{order_total.incl_tax}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def initial_status(method):
    """Nothing to pay (method None): the order goes straight to processing."""
    if method is None:
        return PROCESSING
    return INITIAL_STATUS.get(method, PENDING_PAYMENT)


def cod_max_order_total():
    return Decimal(payment_settings().cod_max_order_total)


def cod_allowed(total):
    """Cash on delivery only when staff offer it, and up to the ceiling they set."""
    current = payment_settings()
    return (
        current.cod_enabled
        and total is not None
        and Decimal(total) <= Decimal(current.cod_max_order_total)
    )


def cascade_line_status(order):
    """Lines follow the order's status (where the line pipeline allows the move)."""
    line_status = settings.OSCAR_ORDER_STATUS_CASCADE.get(order.status)
    if not line_status:
        return
    allowed_from = [
        old
        for old, targets in settings.OSCAR_LINE_STATUS_PIPELINE.items()
        if line_status in targets
    ]
    order.lines.filter(status__in=allowed_from).update(status=line_status)


def _set_status(order, status, note=None, user=None):
    OrderNote = get_model("order", "OrderNote")
    OrderStatusChange = get_model("order", "OrderStatusChange")
    old = order.status
    if old == status:
        return
    order.status = status
    order.save(update_fields=["status"])
    cascade_line_status(order)
    OrderStatusChange.objects.create(order=order, old_status=old, new_status=status)
    if note:
        OrderNote.objects.create(order=order, user=user, message=note, note_type="System")


def _source_for(order, method):
    Source = get_model("payment", "Source")
    SourceType = get_model("payment", "SourceType")
    name = SOURCE_TYPE_NAMES.get(method, str(method))
    source = Source.objects.filter(order=order, source_type__name=name).first()
    if source is None:
        source_type, _created = SourceType.objects.get_or_create(name=name)
        source = Source.objects.create(
            order=order,
            source_type=source_type,
            currency=order.currency,
            amount_allocated=order.total_incl_tax,
        )
    return source


def _notifications():
    """The order's messages (outbox): recorded in the transaction, sent after commit."""
    from shop.notifications import services

    return services


def mark_order_paid(order, *, method, amount, reference, user=None):
    """Record the payment and set the order "paid"; a second call with ``reference`` is a no-op.

    Raises ValueError for a cancelled order (the payment must then be refunded).
    """
    Order = get_model("order", "Order")
    PaymentEvent = get_model("order", "PaymentEvent")
    PaymentEventType = get_model("order", "PaymentEventType")
    PaymentEventQuantity = get_model("order", "PaymentEventQuantity")
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if PaymentEvent.objects.filter(
            order=order, reference=reference, event_type__name="Paid"
        ).exists():
            return order
        if order.status == CANCELLED:
            raise ValueError(f"Order {order.number} is cancelled: it cannot be paid")
        amount = Decimal(amount)
        source = _source_for(order, method)
        source.debit(amount, reference=reference)
        event_type, _created = PaymentEventType.objects.get_or_create(name="Paid")
        event = PaymentEvent.objects.create(
            order=order, amount=amount, reference=reference, event_type=event_type
        )
        for line in order.lines.all():
            PaymentEventQuantity.objects.create(event=event, line=line, quantity=line.quantity)
        if order.status in (PENDING_PAYMENT, PROCESSING):
            _set_status(order, PAID, user=user)
        _notifications().payment_received(order, amount=amount, reference=reference)
    return order


def _money_kept(order):
    """Money taken for ``order`` and not all given back, whatever its status now; a "paid"
    order counts as such even without a recorded debit."""
    debited = sum((s.amount_debited for s in order.sources.all()), Decimal("0"))
    refunded = sum((s.amount_refunded for s in order.sources.all()), Decimal("0"))
    if debited > 0:
        return refunded < debited
    return order.status == PAID


def unsent_allocations(order):
    """What ``order`` still holds in the warehouse: (stock record, quantity) pairs."""
    from shop.bundles.services import allocations_to_release

    return [
        (record, quantity) for record, quantity, sent in allocations_to_release(order) if not sent
    ]


class CannotCancel(ValueError):
    """The order cannot be cancelled (shipped, or paid and not refunded)."""


def cancel_order(order, *, reason, user=None):
    """Cancel the order and put its stock back on sale (idempotent).

    Raises CannotCancel (a ValueError) for an order whose money was taken and not all
    refunded, or one that has shipped (every line sent).
    """
    Order = get_model("order", "Order")
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if order.status == CANCELLED:
            return order
        every_line_left = (
            order.lines.exists()
            and not order.lines.exclude(status__in=(SHIPPED, DELIVERED)).exists()
        )
        if order.status in (SHIPPED, DELIVERED) or every_line_left:
            raise CannotCancel(
                gettext("Order %(number)s has been shipped: it cannot be cancelled.")
                % {"number": order.number}
            )
        if _money_kept(order):
            raise CannotCancel(
                gettext("Order %(number)s is paid: refund it before cancelling it.")
                % {"number": order.number}
            )
        from shop.bundles.services import allocations_to_release

        # Loose lines and gift bundles' components, in stock record id order: what is still
        # here goes back on sale; what a producer already shipped left the stock when it was
        # shipped (``consume_shipped``).
        releases = allocations_to_release(order)
        lock_stock_records(stockrecord.pk for stockrecord, _quantity, _sent in releases)
        for stockrecord, quantity, sent in releases:
            if not sent:
                stockrecord.cancel_allocation(quantity)
        _set_status(order, CANCELLED, note=reason, user=user)
        _notifications().order_cancelled(order, reason=reason)
        logger.info("Order %s cancelled: %s", order.number, reason)
    return order
