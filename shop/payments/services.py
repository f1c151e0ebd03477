"""Card payments: the business operations views, the webhook and the dashboard call.

Contract with the checkout: an order paid by card is placed first (stock allocated, status
"pending_payment"), then the card is authorised (PaymentIntent with capture_method="manual")
and captured only while the order still stands. ``mark_order_paid`` / ``cancel_order`` come
from ``shop.checkout.services`` (imported lazily: the checkout app imports this module too).
"""

import logging
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.crypto import salted_hmac
from oscar.core.loading import get_model

from .gateway import PaymentError, StripeGateway
from .models import CardPayment

logger = logging.getLogger(__name__)

SOURCE_TYPE_NAME = "Stripe"
PAID_STATUS = "paid"
CANCELLED_STATUS = "cancelled"
PENDING_STATUS = "pending_payment"
# A full refund before these statuses also cancels the order (stock goes back on sale).
SHIPPED_STATUSES = {"shipped", "delivered", "Complete"}
OPEN_INTENT_STATUSES = {
    CardPayment.Status.REQUIRES_PAYMENT_METHOD,
    CardPayment.Status.REQUIRES_CONFIRMATION,
    CardPayment.Status.REQUIRES_ACTION,
    CardPayment.Status.PROCESSING,
    CardPayment.Status.REQUIRES_CAPTURE,
}


def card_payments_enabled():
    """Card payment is offered only when both Stripe keys are configured."""
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY)


def gateway():
    return StripeGateway()


# --- Checkout's operations (lazy import, with a minimal stand-in while it is absent) -----


def _checkout_services():
    try:
        from shop.checkout import services
    except ImportError:
        return None
    if hasattr(services, "mark_order_paid") and hasattr(services, "cancel_order"):
        return services
    return None


def _mark_order_paid(order, *, amount, reference, user=None):
    services = _checkout_services()
    if services is not None:
        return services.mark_order_paid(
            order, method="card", amount=amount, reference=reference, user=user
        )
    return _standalone_mark_paid(order, amount=amount, reference=reference)


def _cancel_order(order, *, reason, user=None):
    services = _checkout_services()
    if services is not None:
        return services.cancel_order(order, reason=reason, user=user)
    return _standalone_cancel(order)


def _standalone_mark_paid(order, *, amount, reference):
    """Record the payment Oscar's way when the checkout app is not installed."""
    PaymentEvent = get_model("order", "PaymentEvent")
    PaymentEventType = get_model("order", "PaymentEventType")
    if PaymentEvent.objects.filter(order=order, reference=reference).exists():
        return order
    source = _source(order, create=True)
    source.debit(amount, reference=reference)
    event_type, _ = PaymentEventType.objects.get_or_create(name="Paid")
    PaymentEvent.objects.create(
        order=order, amount=amount, reference=reference, event_type=event_type
    )
    order.status = PAID_STATUS
    order.save(update_fields=["status"])
    return order


def _standalone_cancel(order):
    if order.status == CANCELLED_STATUS:
        return order
    for line in order.lines.all():
        if line.stockrecord_id:
            line.stockrecord.cancel_allocation(line.quantity)
    order.status = CANCELLED_STATUS
    order.save(update_fields=["status"])
    return order


def _source(order, create=False):
    Source = get_model("payment", "Source")
    SourceType = get_model("payment", "SourceType")
    source = Source.objects.filter(order=order, source_type__name=SOURCE_TYPE_NAME).first()
    if source is None and create:
        source_type, _ = SourceType.objects.get_or_create(name=SOURCE_TYPE_NAME)
        source = Source.objects.create(
            order=order, source_type=source_type, currency=order.currency
        )
    return source


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


def _whole_dong(amount):
    return Decimal(amount).quantize(Decimal(1))


def _plain(obj):
    """A Stripe object as a plain dict (events and intents are read with ``.get``)."""
    return obj.to_dict() if hasattr(obj, "to_dict") else obj


def _sync(payment, intent):
    """Copy the intent's state onto the payment record (amounts in whole dong)."""
    intent = _plain(intent)
    payment.status = intent["status"]
    received = intent.get("amount_received") or 0
    if received:
        payment.amount_captured = Decimal(received)
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
        amount = _whole_dong(order.total_incl_tax)
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


def _lock_order(order):
    Order = get_model("order", "Order")
    return Order.objects.select_for_update().get(pk=order.pk)


@transaction.atomic
def settle(order, intent_id):
    """Act on an intent's current state for its order, whoever reports it (webhook or return).

    The intent is read from Stripe once the payment and order rows are locked, so two
    reporters at once (the buyer's return and a webhook) act on fresh state one after the other.

    Checks the order's state before acting, so events in any order, twice, do no harm:
    - authorised (requires_capture) for an order still pending → capture; for an order
      cancelled meanwhile → cancel the authorisation;
    - succeeded for a pending order → mark paid; for a cancelled order → refund in full;
    - canceled, or a failed attempt → cancel the order if it is still unpaid.
    """
    payment = CardPayment.objects.filter(intent_id=intent_id).first() or _adopt(order, intent_id)
    if payment is None:
        logger.warning("Stripe intent %s belongs to no card payment", intent_id)
        return "unknown intent"
    payment = _lock(payment)
    order = _lock_order(order)
    intent = _plain(gateway().retrieve(intent_id))
    previous = payment.status
    status = intent["status"]
    if previous in (CardPayment.Status.SUCCEEDED, CardPayment.Status.CANCELED) and (
        status in OPEN_INTENT_STATUSES
    ):
        return f"stale {status} after {previous}"
    _sync(payment, intent)

    if status == CardPayment.Status.REQUIRES_CAPTURE:
        if order.status == PENDING_STATUS:
            return _capture_payment(order, payment)
        gateway().cancel(payment.intent_id)
        payment.status = CardPayment.Status.CANCELED
        payment.save()
        return f"authorisation cancelled: order is {order.status}"

    if status == CardPayment.Status.SUCCEEDED:
        if payment.amount_refunded > 0:
            return "already refunded"
        if order.status == CANCELLED_STATUS:
            _refund_payment(order, payment, None, reason="order cancelled before payment")
            return "refunded: order was cancelled"
        if order.status == PENDING_STATUS:
            _mark_order_paid(order, amount=payment.amount_captured, reference=payment.intent_id)
            return "order paid"
        return f"nothing to do: order is {order.status}"

    if status == CardPayment.Status.CANCELED or (
        status == CardPayment.Status.REQUIRES_PAYMENT_METHOD and intent.get("last_payment_error")
    ):
        if status != CardPayment.Status.CANCELED:
            gateway().cancel(payment.intent_id, reason="abandoned")
            payment.status = CardPayment.Status.CANCELED
            payment.save()
        if order.status == PENDING_STATUS:
            _cancel_order(order, reason="card payment failed")
            return "order cancelled"
        return f"nothing to do: order is {order.status}"
    return f"nothing to do: intent is {status}"


def _adopt(order, intent_id):
    """Record an intent of this order that the shop does not know (e.g. its record was lost
    with a rolled-back request), so that it is captured, released or refunded like any other."""
    intent = _plain(gateway().retrieve(intent_id))
    if (intent.get("metadata") or {}).get("order_number") != str(order.number):
        return None
    last = latest_payment(order)
    payment, _ = CardPayment.objects.get_or_create(
        intent_id=intent_id,
        defaults={
            "order": order,
            "order_number": order.number,
            "attempt": (last.attempt + 1) if last else 1,
            "idempotency_key": f"ocop-adopted-{intent_id}",
            "amount": Decimal(intent["amount"]),
            "currency": order.currency,
            "status": intent["status"],
        },
    )
    return payment


def _capture_payment(order, payment):
    intent = gateway().capture(payment.intent_id)
    _sync(payment, intent)
    if intent["status"] == CardPayment.Status.SUCCEEDED:
        _mark_order_paid(order, amount=payment.amount_captured, reference=payment.intent_id)
        return "captured, order paid"
    return f"capture left the intent {intent['status']}"


@transaction.atomic
def capture(order):
    """Capture the authorised card payment of a pending order and mark the order paid."""
    payment = (
        CardPayment.objects.filter(order_number=order.number, status__in=OPEN_INTENT_STATUSES)
        .order_by("-attempt")
        .first()
    )
    intent = gateway().retrieve(payment.intent_id) if payment else None
    if intent is None or intent["status"] != CardPayment.Status.REQUIRES_CAPTURE:
        raise PaymentError(f"Order {order.number} has no authorised card payment")
    return settle(order, payment.intent_id)


def refund(order, amount=None, user=None):
    """Refund the order's card payment (in full, or ``amount`` dong) and record it.

    A full refund of an order not yet shipped also cancels the order (stock released).
    """
    with transaction.atomic():
        payment = (
            CardPayment.objects.select_for_update()
            .filter(order_number=order.number, status=CardPayment.Status.SUCCEEDED)
            .first()
        )
        if payment is None:
            raise PaymentError(f"Order {order.number} has no card payment to refund")
        return _refund_payment(order, payment, amount, user=user)


def _refund_payment(order, payment, amount, user=None, reason="requested by staff"):
    remaining = payment.refundable
    amount = remaining if amount is None else _whole_dong(amount)
    if amount <= 0 or amount > remaining:
        raise PaymentError(f"A refund must be between 1 and {remaining} dong (asked {amount})")
    key = f"ocop-refund-{payment.intent_id}-{payment.amount_refunded}-{amount}"
    result = gateway().refund(payment.intent_id, amount, idempotency_key=key)
    _apply_refund(order, payment, amount, result["id"], reason="refunded in full", user=user)
    logger.info("Refunded %s dong of order %s (%s): %s", amount, order.number, result["id"], reason)
    return result


def _apply_refund(order, payment, amount, reference, *, reason, user=None):
    """Count a refund on the payment and record it on the order; a full refund of an order
    not yet shipped also cancels it (stock released). Returns whether it cancelled."""
    payment.amount_refunded += amount
    payment.save(update_fields=["amount_refunded", "updated"])
    _record_refund(order, amount, reference)
    if payment.fully_refunded and order.status not in SHIPPED_STATUSES | {CANCELLED_STATUS}:
        _cancel_order(order, reason=reason, user=user)
        return True
    return False


def _record_refund(order, amount, reference):
    PaymentEvent = get_model("order", "PaymentEvent")
    PaymentEventType = get_model("order", "PaymentEventType")
    source = _source(order, create=True)
    source.refund(amount, reference=reference)
    event_type, _ = PaymentEventType.objects.get_or_create(name="Refunded")
    PaymentEvent.objects.create(
        order=order, amount=amount, reference=reference, event_type=event_type
    )
    from shop.notifications import services as notifications

    notifications.order_refunded(order, amount=amount, reference=reference)


@transaction.atomic
def record_external_refund(order, intent_id, *, charge_id, total_refunded):
    """Record refunds made outside the shop, given the charge's total refunded so far.

    Only the part the shop does not know yet is recorded; a full refund of an order not yet
    shipped cancels it (stock released), as a refund from the dashboard does.
    """
    payment = CardPayment.objects.filter(intent_id=intent_id).first()
    if payment is None:
        return "unknown intent"
    payment = _lock(payment)
    order = _lock_order(order)
    new = _whole_dong(total_refunded) - payment.amount_refunded
    if new <= 0:
        return "refund already recorded"
    if payment.amount_refunded + new > payment.amount_captured:
        logger.warning("Charge %s reports more refunded than captured", charge_id)
        return "refund exceeds the captured amount"
    reference = f"{charge_id}:{payment.amount_refunded + new}"
    if _apply_refund(order, payment, new, reference, reason="refunded in full outside the shop"):
        return "refunded in full, order cancelled"
    return f"refund of {new} recorded"


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
