"""Refunds of card payments, following each refund's real status at Stripe.

A refund is pending, needs action, succeeded, failed or canceled. Only a succeeded refund is
money returned: it is counted on the payment and recorded on the order (Oscar's source and
"Refunded" payment event, the customer's message); a full refund of an order not yet shipped
cancels it. A refund that fails or is canceled is not counted (and is taken back if it had
been counted), and staff are alerted. Stripe's refund events (``charge.refund.updated``,
``refund.created`` / ``updated`` / ``failed``) and ``charge.refunded`` bring each refund's
state, read fresh from Stripe, so events in any order and redeliveries do no harm.
"""

import logging
from decimal import Decimal

from django.db import transaction
from oscar.core.loading import get_model

from . import mismatches
from .gateway import PaymentError
from .models import CardPayment, CardRefund
from .orders import (
    CANCELLED_STATUS,
    SHIPPED_STATUSES,
    cancel_order,
    gateway,
    lock_order,
    plain,
    source,
    whole_dong,
)

logger = logging.getLogger(__name__)

RETURNED = CardRefund.Status.SUCCEEDED
NOT_RETURNED = {CardRefund.Status.FAILED, CardRefund.Status.CANCELED}


def refund(order, amount=None, user=None):
    """Refund the order's card payment (in full, or ``amount`` dong); returns Stripe's refund.

    The refund is recorded with the status Stripe answers: pending until Stripe confirms it.
    """
    with transaction.atomic():
        payment = (
            CardPayment.objects.select_for_update()
            .filter(order=order, order_number=order.number, status=CardPayment.Status.SUCCEEDED)
            .first()
        )
        if payment is None:
            raise PaymentError(f"Order {order.number} has no card payment to refund")
        return refund_payment(order, payment, amount, user=user)


def refund_payment(order, payment, amount, user=None, reason="requested by staff"):
    remaining = payment.refundable
    amount = remaining if amount is None else whole_dong(amount)
    if amount <= 0 or amount > remaining:
        raise PaymentError(f"A refund must be between 1 and {remaining} dong (asked {amount})")
    pending = payment.amount_refund_pending
    key = f"ocop-refund-{payment.intent_id}-{payment.amount_refunded}-{pending}-{amount}"
    result = plain(gateway().refund(payment.intent_id, amount, idempotency_key=key))
    apply(order, payment, result, user=user)
    logger.info("Refund %s of order %s: %s (%s)", result["id"], order.number, amount, reason)
    return result


def apply(order, payment, refund_obj, user=None):
    """Bring the shop's record of one refund in line with Stripe's (rows already locked).

    Returns what changed."""
    status = str(refund_obj.get("status") or CardRefund.Status.PENDING)
    if status not in CardRefund.Status.values:
        status = CardRefund.Status.PENDING
    row, created = CardRefund.objects.get_or_create(
        refund_id=refund_obj["id"],
        defaults={
            "payment": payment,
            "amount": whole_dong(refund_obj["amount"]),
            "status": status,
            "failure_reason": str(refund_obj.get("failure_reason") or "")[:100],
        },
    )
    old = None if created else row.status
    if old == status:
        return f"refund {row.refund_id} already {status}"
    if old in NOT_RETURNED:  # final at Stripe: a late event does not revive it
        return f"refund {row.refund_id} stays {old}"
    row.status = status
    row.failure_reason = str(refund_obj.get("failure_reason") or "")[:100]
    row.save()
    if status == RETURNED:
        return _returned(order, payment, row, user=user)
    if status in NOT_RETURNED:
        return _not_returned(order, payment, row, was_counted=old == RETURNED)
    return f"refund {row.refund_id} {status}"


def _returned(order, payment, row, user=None):
    payment.amount_refunded += row.amount
    payment.save(update_fields=["amount_refunded", "updated"])
    _record_on_order(order, row.amount, row.refund_id, "Refunded", customer_message=True)
    if payment.fully_refunded and order.status not in SHIPPED_STATUSES | {CANCELLED_STATUS}:
        cancel_order(order, reason="refunded in full", user=user)
        return f"refund {row.refund_id} succeeded: refunded in full, order cancelled"
    return f"refund {row.refund_id} succeeded: {row.amount} recorded"


def _not_returned(order, payment, row, *, was_counted):
    if was_counted:
        payment.amount_refunded -= row.amount
        payment.save(update_fields=["amount_refunded", "updated"])
        _record_on_order(order, -row.amount, row.refund_id, "Refund failed")
    if row.status == CardRefund.Status.FAILED:
        mismatches.alert_staff(
            "refund_failed",
            reference=row.refund_id,
            amount=row.amount,
            currency=payment.currency,
            order=order,
        )
    return f"refund {row.refund_id} {row.status}: not counted"


def _record_on_order(order, amount, reference, event_name, customer_message=False):
    PaymentEvent = get_model("order", "PaymentEvent")
    PaymentEventType = get_model("order", "PaymentEventType")
    found = source(order, create=True)
    if amount > 0:
        found.refund(amount, reference=reference)
    else:  # a counted refund that failed afterwards: the money is with the shop again
        found.amount_refunded = max(found.amount_refunded + amount, Decimal(0))
        found.save(update_fields=["amount_refunded"])
    event_type, _ = PaymentEventType.objects.get_or_create(name=event_name)
    PaymentEvent.objects.create(
        order=order, amount=abs(amount), reference=reference, event_type=event_type
    )
    if customer_message:
        from shop.notifications import services as notifications

        notifications.order_refunded(order, amount=amount, reference=reference)


@transaction.atomic
def sync(refund_id):
    """A refund event: read the refund from Stripe and record its state on its order."""
    refund_obj = plain(gateway().retrieve_refund(refund_id))
    return _sync_one(refund_obj)


def _sync_one(refund_obj):
    payment = CardPayment.objects.filter(
        intent_id=refund_obj.get("payment_intent") or "", order__isnull=False
    ).first()
    if payment is None:
        return f"refund {refund_obj['id']} of no card payment of the shop"
    payment = CardPayment.objects.select_for_update().get(pk=payment.pk)
    order = lock_order(payment.order)
    return apply(order, payment, refund_obj)


@transaction.atomic
def sync_payment(intent_id):
    """``charge.refunded``: every refund of the intent, read from Stripe."""
    if not CardPayment.objects.filter(intent_id=intent_id, order__isnull=False).exists():
        return "unknown intent"
    results = [_sync_one(plain(r)) for r in gateway().list_refunds(intent_id)]
    return "; ".join(results) or "no refunds"
