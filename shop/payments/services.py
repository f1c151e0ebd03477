"""Card payments: the business operations views, the webhook and the dashboard call.

Contract with the checkout: an order paid by card is placed first (stock allocated, status
"pending_payment"), then the card is authorised (PaymentIntent with capture_method="manual")
and captured only while the order still stands. An order is paid only by an intent it created
(a ``CardPayment`` row), in its currency, for exactly its total (see ``mismatches``).
"""

import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext

from . import mismatches, refunds
from .gateway import PaymentError
from .models import CardPayment
from .orders import (
    CANCELLED_STATUS,
    PENDING_STATUS,
    cancel_order,
    card_amount_allowed,
    card_amount_limits,
    gateway,
    lock_order,
    mark_order_paid,
    plain,
    whole_dong,
)

logger = logging.getLogger(__name__)

OPEN_INTENT_STATUSES = {
    CardPayment.Status.REQUIRES_PAYMENT_METHOD,
    CardPayment.Status.REQUIRES_CONFIRMATION,
    CardPayment.Status.REQUIRES_ACTION,
    CardPayment.Status.PROCESSING,
    CardPayment.Status.REQUIRES_CAPTURE,
}
# Names kept for the callers of this module.
_cancel_order = cancel_order
refund = refunds.refund


def card_payments_enabled():
    """Card payment is offered only when both Stripe keys are configured."""
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY)


def card_unavailable_reason(total):
    """Why card payment is not offered for an order ``total`` ("" when it is)."""
    if card_amount_allowed(total):
        return ""
    low, high = card_amount_limits()
    from oscar.templatetags.currency_filters import currency

    return gettext(
        "Card payment is possible for order totals from %(low)s to %(high)s. "
        "Please choose another payment method."
    ) % {"low": currency(low), "high": currency(high)}


# --- URLs ---------------------------------------------------------------------------------


def order_token(order):
    """A token proving the holder was sent to the order's payment page by the checkout."""
    return salted_hmac("shop.payments.card", order.number).hexdigest()[:32]


def card_payment_url(order):
    """Where the checkout sends the buyer after placing a card order."""
    return reverse(
        "payments:card-payment", kwargs={"number": order.number, "token": order_token(order)}
    )


def card_return_url(order):
    return reverse(
        "payments:card-return", kwargs={"number": order.number, "token": order_token(order)}
    )


# --- Operations ---------------------------------------------------------------------------


def _sync(payment, intent):
    """Copy the intent's state onto the payment record (amounts in whole dong)."""
    intent = plain(intent)
    payment.status = intent["status"]
    received = intent.get("amount_received") or 0
    if received:
        payment.amount_captured = whole_dong(received)
    error = intent.get("last_payment_error")
    payment.last_error = (error or {}).get("message", "")[:255] if error else ""
    payment.save()
    return payment


def latest_payment(order):
    return CardPayment.objects.filter(order_number=order.number).order_by("-attempt").first()


def start_card_payment(order):
    """Create (or reuse) the order's PaymentIntent; returns what the payment page needs.

    The client secret is read from Stripe each time and never stored.
    """
    if not card_payments_enabled():
        raise PaymentError("Card payments are not configured")
    if order.status != PENDING_STATUS:
        raise PaymentError(f"Order {order.number} is not waiting for payment ({order.status})")
    if not card_amount_allowed(order.total_incl_tax):
        raise PaymentError(card_unavailable_reason(order.total_incl_tax))
    client = gateway()
    payment = latest_payment(order)
    intent = None
    if payment is not None and payment.status in OPEN_INTENT_STATUSES:
        intent = client.retrieve(payment.intent_id)
        _sync(payment, intent)
        if intent["status"] not in OPEN_INTENT_STATUSES:
            intent = None
    if intent is None:
        attempt = (payment.attempt + 1) if payment else 1
        amount = whole_dong(order.total_incl_tax)
        intent = client.create_intent(
            order_number=order.number, amount=amount, attempt=attempt, email=order.email
        )
        payment, _ = CardPayment.objects.update_or_create(
            intent_id=intent["id"],
            defaults={
                "order": order,
                "order_number": order.number,
                "attempt": attempt,
                "idempotency_key": f"ocop-order-{order.number}-intent-{attempt}",
                "amount": amount,
                "currency": order.currency,
                "status": intent["status"],
            },
        )
    return {
        "client_secret": intent["client_secret"],
        "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
        "intent_id": intent["id"],
    }


def _lock(payment):
    return CardPayment.objects.select_for_update().get(pk=payment.pk)


def payment_of(intent_id):
    """The card payment an order created for this intent, or None."""
    return (
        CardPayment.objects.filter(intent_id=intent_id, order__isnull=False)
        .select_related("order")
        .first()
    )


@transaction.atomic
def settle(order, intent_id):
    """Act on an intent's current state for its order, whoever reports it (webhook or return).

    The intent is read from Stripe once the payment and order rows are locked, so two
    reporters at once (the buyer's return and a webhook) act on fresh state one after the other.

    Only an intent the order created counts (any other is recorded by ``stray_intent``).
    Checks the order's state before acting, so events in any order, twice, do no harm:
    - authorised (requires_capture) for an order still pending → capture, if it holds exactly
      the order's total in its currency; for an order cancelled meanwhile → release it;
    - succeeded for a pending order → mark paid when exactly the total was received; for a
      cancelled order → refund in full;
    - canceled, or a failed attempt → cancel the order if it is still unpaid.
    """
    payment = payment_of(intent_id)
    if payment is None or payment.order_id != order.pk:
        return stray_intent(intent_id)
    payment = _lock(payment)
    order = lock_order(order)
    intent = plain(gateway().retrieve(intent_id))
    previous = payment.status
    status = intent["status"]
    if previous in (CardPayment.Status.SUCCEEDED, CardPayment.Status.CANCELED) and (
        status in OPEN_INTENT_STATUSES
    ):
        return f"stale {status} after {previous}"
    _sync(payment, intent)

    if status == CardPayment.Status.REQUIRES_CAPTURE:
        if order.status == PENDING_STATUS:
            kind = mismatches.mismatch_kind(order, intent, intent.get("amount_capturable"))
            if kind:
                mismatches.record(kind, intent, order)
                return f"not captured: {kind}"
            return _capture_payment(order, payment)
        gateway().cancel(payment.intent_id)
        payment.status = CardPayment.Status.CANCELED
        payment.save()
        return f"authorisation cancelled: order is {order.status}"

    if status == CardPayment.Status.SUCCEEDED:
        if payment.amount_refunded > 0:
            return "already refunded"
        if order.status == CANCELLED_STATUS:
            refunds.refund_payment(order, payment, None, reason="order cancelled before payment")
            return "refunded: order was cancelled"
        if order.status == PENDING_STATUS:
            return _pay(order, payment, intent)
        if not _paid_by(order, payment):
            mismatches.record(mismatches.Kind.ALREADY_PAID, intent, order)
            return f"not counted: order is {order.status}"
        return f"nothing to do: order is {order.status}"

    if status == CardPayment.Status.CANCELED or (
        status == CardPayment.Status.REQUIRES_PAYMENT_METHOD and intent.get("last_payment_error")
    ):
        if status != CardPayment.Status.CANCELED:
            gateway().cancel(payment.intent_id, reason="abandoned")
            payment.status = CardPayment.Status.CANCELED
            payment.save()
        if order.status == PENDING_STATUS:
            cancel_order(order, reason="card payment failed")
            return "order cancelled"
        return f"nothing to do: order is {order.status}"
    return f"nothing to do: intent is {status}"


def _paid_by(order, payment):
    PaymentEvent = order.payment_events.model
    return PaymentEvent.objects.filter(
        order=order, reference=payment.intent_id, event_type__name="Paid"
    ).exists()


def _pay(order, payment, intent):
    """Mark the order paid when the intent received exactly its total, in its currency."""
    kind = mismatches.mismatch_kind(order, intent, intent.get("amount_received"))
    if kind:
        mismatches.record(kind, intent, order)
        return f"not paid: {kind}"
    mark_order_paid(order, amount=payment.amount_captured, reference=payment.intent_id)
    return "order paid"


@transaction.atomic
def stray_intent(intent_id):
    """An intent no order created (whatever its metadata says): it pays nothing. Money held
    or taken is recorded for staff (an authorisation is released); returns what was done."""
    intent = plain(gateway().retrieve(intent_id))
    if intent["status"] not in mismatches.MONEY_STATUSES:
        return f"unknown intent ({intent['status']})"
    mismatches.record(mismatches.Kind.UNKNOWN_INTENT, intent, mismatches.order_named_by(intent))
    if intent["status"] == CardPayment.Status.REQUIRES_CAPTURE:
        gateway().cancel(intent_id)
        return "unknown intent: authorisation released"
    return "unknown intent: recorded for staff"


def _capture_payment(order, payment):
    intent = plain(gateway().capture(payment.intent_id))
    _sync(payment, intent)
    if intent["status"] == CardPayment.Status.SUCCEEDED:
        result = _pay(order, payment, intent)
        return "captured, order paid" if result == "order paid" else f"captured, {result}"
    return f"capture left the intent {intent['status']}"


@transaction.atomic
def capture(order):
    """Capture the authorised card payment of a pending order and mark the order paid."""
    payment = (
        CardPayment.objects.filter(
            order=order, order_number=order.number, status__in=OPEN_INTENT_STATUSES
        )
        .order_by("-attempt")
        .first()
    )
    intent = gateway().retrieve(payment.intent_id) if payment else None
    if intent is None or intent["status"] != CardPayment.Status.REQUIRES_CAPTURE:
        raise PaymentError(f"Order {order.number} has no authorised card payment")
    return settle(order, payment.intent_id)


def describe(order):
    """Payment summary for the order pages: latest payment and what staff may refund."""
    payment = CardPayment.objects.filter(
        order_number=order.number, status=CardPayment.Status.SUCCEEDED
    ).first() or latest_payment(order)
    return payment


__all__ = [
    "card_payments_enabled",
    "card_payment_url",
    "start_card_payment",
    "capture",
    "refund",
    "settle",
]
