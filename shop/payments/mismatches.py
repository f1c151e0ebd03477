"""Money that arrived but does not pay its order: recorded for staff, who are alerted.

An order is paid only by the PaymentIntent it created, in its currency, for exactly its total
in whole dong. Anything else (an intent the shop did not create for the order, another
amount, another currency, a second payment of an order already paid) leaves the order as it
is and is kept as a ``PaymentMismatch`` row, shown on the order page and in the dashboard list,
so that it can be refunded.
"""

import logging

from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from .models import PaymentMismatch

logger = logging.getLogger(__name__)

Kind = PaymentMismatch.Kind
# Intent statuses in which money is held or taken.
MONEY_STATUSES = {"requires_capture", "processing", "succeeded"}


def received(intent):
    """What the intent holds or took, in Stripe's integer amount."""
    return intent.get("amount_received") or intent.get("amount_capturable") or 0


def mismatch_kind(order, intent, amount):
    """None when ``amount`` of ``intent`` pays exactly ``order``'s total in its currency."""
    from .orders import whole_dong

    if str(intent.get("currency", "")).lower() != str(order.currency).lower():
        return Kind.WRONG_CURRENCY
    if not isinstance(amount, int) or amount != whole_dong(order.total_incl_tax):
        return Kind.WRONG_AMOUNT
    if whole_dong(order.total_incl_tax) != order.total_incl_tax:
        return Kind.WRONG_AMOUNT
    return None


def record(kind, intent, order=None):
    """Keep what arrived (once per intent and kind) and alert staff the first time."""
    amount = received(intent)
    row, created = PaymentMismatch.objects.get_or_create(
        intent_id=intent["id"],
        kind=kind,
        defaults={
            "order": order,
            "amount": amount,
            "currency": str(intent.get("currency", ""))[:3].upper(),
            "intent_status": str(intent.get("status", ""))[:40],
        },
    )
    if not created:
        PaymentMismatch.objects.filter(pk=row.pk).update(
            amount=amount, intent_status=str(intent.get("status", ""))[:40]
        )
        return row
    logger.warning(
        "Card payment %s (%s %s) does not pay order %s: %s",
        intent["id"],
        amount,
        row.currency,
        order.number if order else "-",
        kind,
    )
    alert_staff(kind, reference=intent["id"], amount=amount, currency=row.currency, order=order)
    return row


def alert_staff(problem, *, reference, amount, currency, order=None):
    """One staff message per problem and Stripe object (the outbox de-duplicates)."""
    from shop.notifications import services as notifications

    notifications.record(
        notifications.PAYMENT_PROBLEM,
        f"{problem}:{reference}",
        notifications.staff_recipients(),
        order=order,
        context={
            "reason": str(problem),
            "reference": str(reference),
            "amount": str(amount),
            "currency": str(currency),
        },
    )


def order_named_by(intent):
    """The order an intent's metadata names (a hint for staff only: never trusted to pay)."""
    number = (intent.get("metadata") or {}).get("order_number")
    if not number:
        return None
    Order = get_model("order", "Order")
    return Order.objects.filter(number=str(number)[:128]).first()


PROBLEM_LABELS = {
    **dict(Kind.choices),
    "refund_failed": _("A refund failed: the money was not returned"),
}
