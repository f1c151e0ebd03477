"""Bank transfer by VietQR: the payload, its QR image, staff confirmation and auto-cancel.

A bank-transfer order is an order with a payment Source of type ``SOURCE_TYPE_NAME``
(the checkout adds it when the order is placed, or calls ``record_bank_transfer``). It starts
at status "pending_payment"; staff mark it paid from the dashboard once the money is on the
account, and ``cancel_unpaid_transfers`` cancels it (releasing its stock) after
``BANK_TRANSFER_TIMEOUT_HOURS``.

``mark_order_paid`` and ``cancel_order`` belong to the checkout (``shop.checkout.services``)
and are imported lazily.
"""

import io
import logging
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency
from vietnam_qr_pay import BanksObject, QRPay

logger = logging.getLogger(__name__)

SOURCE_TYPE_NAME = "Chuyển khoản VietQR"
METHOD = "bank_transfer"
PENDING_STATUS = "pending_payment"
PAID_STATUS = "paid"
CANCELLED_STATUS = "cancelled"
# Session key holding the numbers of the orders a guest placed in this browser.
GUEST_SESSION_KEY = "banktransfer_orders"
CANCEL_REASON = "Bank transfer not received in time"


class BankTransferError(Exception):
    """A staff action on a bank transfer that cannot be done; the message says why."""


def _checkout():
    """The checkout's order operations (``mark_order_paid``, ``cancel_order``)."""
    from shop.checkout import services

    return services


# --- Which orders -------------------------------------------------------------------------


def bank_transfer_orders():
    Order = get_model("order", "Order")
    return Order.objects.filter(sources__source_type__name=SOURCE_TYPE_NAME).distinct()


def is_bank_transfer(order):
    return order.sources.filter(source_type__name=SOURCE_TYPE_NAME).exists()


def awaiting_transfer(order):
    return order.status == PENDING_STATUS and is_bank_transfer(order)


def record_bank_transfer(order):
    """Mark ``order`` as paid by bank transfer (idempotent): its payment Source, allocated."""
    Source = get_model("payment", "Source")
    SourceType = get_model("payment", "SourceType")
    source = Source.objects.filter(order=order, source_type__name=SOURCE_TYPE_NAME).first()
    if source is None:
        source_type, _ = SourceType.objects.get_or_create(name=SOURCE_TYPE_NAME)
        source = Source.objects.create(
            order=order,
            source_type=source_type,
            currency=order.currency,
            amount_allocated=order.total_incl_tax,
        )
    return source


# --- The shop's account and the order's figures -------------------------------------------


def whole_dong(amount):
    return Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def bank():
    """The receiving bank (from the library's NAPAS list), or None for an unknown BIN."""
    bin_ = settings.BANK_TRANSFER_BANK_BIN
    for item in BanksObject.values():
        if item.bin == bin_:
            return item
    return None


def account():
    found = bank()
    return {
        "bin": settings.BANK_TRANSFER_BANK_BIN,
        "bank_name": found.name if found else settings.BANK_TRANSFER_BANK_BIN,
        "bank_short_name": found.short_name if found else "",
        "number": settings.BANK_TRANSFER_ACCOUNT_NUMBER,
        "name": settings.BANK_TRANSFER_ACCOUNT_NAME,
    }


def transfer_note(order):
    """The transfer note the buyer must write: the order number."""
    return str(order.number)


def deadline(order):
    return order.date_placed + timedelta(hours=settings.BANK_TRANSFER_TIMEOUT_HOURS)


# --- VietQR -------------------------------------------------------------------------------


def vietqr_payload(order):
    """The NAPAS VietQR (EMVCo) payload: shop's BIN and account, exact amount, order number."""
    qr = QRPay.init_viet_qr(
        bank_bin=settings.BANK_TRANSFER_BANK_BIN,
        bank_number=settings.BANK_TRANSFER_ACCOUNT_NUMBER,
        amount=str(int(whole_dong(order.total_incl_tax))),
        purpose=transfer_note(order),
    )
    return qr.build()


def qr_png(order, scale=8):
    """The VietQR code of ``order`` as PNG bytes, drawn locally."""
    buffer = io.BytesIO()
    segno.make(vietqr_payload(order), error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


# --- Who may see an order's transfer details -----------------------------------------------


def remember_guest_order(request, order):
    numbers = list(request.session.get(GUEST_SESSION_KEY, []))
    if order.number not in numbers:
        numbers.append(order.number)
        request.session[GUEST_SESSION_KEY] = numbers[-20:]


def can_view(request, order, key=None):
    """Staff, the order's user, or the guest whose browser placed it (or holds its link)."""
    user = request.user
    if user.is_authenticated and user.is_staff:
        return True
    if order.user_id is not None:
        return user.is_authenticated and user.pk == order.user_id
    if request.session.get("checkout_order_id") == order.pk:
        return True
    if order.number in request.session.get(GUEST_SESSION_KEY, []):
        return True
    return bool(key) and order.check_verification_hash(key)


# --- Staff confirmation -------------------------------------------------------------------


def mark_paid(order, *, amount, reference, user=None):
    """Staff saw the transfer on the account: record it and mark the order paid.

    Raises BankTransferError (nothing changed) when the order is not a bank-transfer order
    waiting for payment or the amount is not the order total.
    """
    from django.utils.translation import gettext as _

    Order = get_model("order", "Order")
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if not is_bank_transfer(order):
            raise BankTransferError(_("This order is not paid by bank transfer."))
        if order.status == PAID_STATUS:
            raise BankTransferError(_("This order is already marked paid."))
        if order.status != PENDING_STATUS:
            raise BankTransferError(_("Only an order waiting for payment can be marked paid."))
        expected = whole_dong(order.total_incl_tax)
        if whole_dong(amount) != expected:
            raise BankTransferError(
                _("The amount received must be exactly the order total, %(total)s.")
                % {"total": currency(expected, order.currency)}
            )
        _checkout().mark_order_paid(
            order, method=METHOD, amount=expected, reference=reference, user=user
        )
    order.refresh_from_db()
    return order


# --- Auto-cancel --------------------------------------------------------------------------


def cancel_unpaid_transfers(now=None):
    """Cancel the bank-transfer orders unpaid after the timeout; returns how many."""
    Order = get_model("order", "Order")
    now = now or timezone.now()
    cutoff = now - timedelta(hours=settings.BANK_TRANSFER_TIMEOUT_HOURS)
    due = bank_transfer_orders().filter(status=PENDING_STATUS, date_placed__lt=cutoff)
    cancelled = 0
    for pk in list(due.values_list("pk", flat=True).order_by("pk")):
        try:
            with transaction.atomic():
                order = Order.objects.select_for_update().get(pk=pk)
                if order.status != PENDING_STATUS:
                    continue  # paid or cancelled meanwhile
                _checkout().cancel_order(order, reason=CANCEL_REASON)
        except ValueError as exc:  # refused by the checkout: leave it, go on with the others
            logger.warning("Unpaid bank-transfer order %s not cancelled: %s", pk, exc)
            continue
        cancelled += 1
        logger.info("Cancelled unpaid bank-transfer order %s", order.number)
    return cancelled
