"""Stripe webhook: verify the signature, record the event once, dispatch by type.

Every handler reads the intent's current state from Stripe and lets ``services.settle``
check the order's state before acting, so redelivered or out-of-order events do no harm.
"""

import datetime
import logging

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from oscar.core.loading import get_model

from . import services
from .models import CardPayment, StripeEvent

logger = logging.getLogger(__name__)


class InvalidWebhook(Exception):
    """The request is not a genuine, fresh Stripe event."""


def verify(payload, signature):
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret or not signature:
        raise InvalidWebhook("missing signature or webhook secret")
    try:
        return stripe.Webhook.construct_event(payload, signature, secret)
    except (ValueError, stripe.SignatureVerificationError) as exc:
        raise InvalidWebhook(str(exc)) from exc


def _order_for(intent):
    Order = get_model("order", "Order")
    payment = CardPayment.objects.filter(intent_id=intent["id"]).first()
    if payment is not None and payment.order_id:
        return Order.objects.filter(pk=payment.order_id).first()
    number = (intent.get("metadata") or {}).get("order_number")
    return Order.objects.filter(number=number).first() if number else None


def handle_intent(event):
    """Bring the order in line with the intent's current state (read fresh from Stripe)."""
    snapshot = event["data"]["object"]
    order = _order_for(snapshot)
    if order is None:
        return "no such order"
    return services.settle(order, snapshot["id"])


def handle_charge_refunded(event):
    """A refund made outside the shop (e.g. in Stripe's dashboard) is recorded on the order.

    The charge carries the running total refunded, which only grows; the shop records the
    difference from what it already knows, so its own refunds (already recorded) and a
    redelivered or late event change nothing.
    """
    charge = event["data"]["object"]
    intent_id = charge.get("payment_intent")
    if not intent_id:
        return "no payment intent"
    order = _order_for({"id": intent_id, "metadata": charge.get("metadata") or {}})
    if order is None:
        return "no such order"
    return services.record_external_refund(
        order, intent_id, charge_id=charge.get("id", ""), total_refunded=charge["amount_refunded"]
    )


HANDLERS = {
    "payment_intent.amount_capturable_updated": handle_intent,
    "payment_intent.succeeded": handle_intent,
    "payment_intent.payment_failed": handle_intent,
    "payment_intent.canceled": handle_intent,
    "charge.refunded": handle_charge_refunded,
}

# A handler that fails (Stripe unreachable, a database error) leaves its event unprocessed:
# the webhook answers 500 so Stripe delivers it again, and a periodic task retries it too.
MAX_ATTEMPTS = 10


def _record(event):
    created = event.get("created")
    record, _ = StripeEvent.objects.get_or_create(
        event_id=event["id"],
        defaults={
            "type": event["type"],
            "created": datetime.datetime.fromtimestamp(created, tz=datetime.UTC)
            if created
            else None,
            "payload": event,
        },
    )
    return record


def _handle(record):
    """Run the record's handler; mark it processed, or keep the error for a later attempt."""
    handler = HANDLERS.get(record.type)
    try:
        result = handler(record.payload) if handler else "ignored"
    except Exception as exc:
        StripeEvent.objects.filter(pk=record.pk).update(
            attempts=F("attempts") + 1, last_error=f"{type(exc).__name__}: {exc}"[:1000]
        )
        raise
    record.processed_at = timezone.now()
    record.result = str(result)[:255]
    record.last_error = ""
    record.save(update_fields=["processed_at", "result", "last_error"])
    return result


def process(event):
    """Record the event (unique id) and handle it; an event already processed does nothing.

    Returns the handler's result, or None for a duplicate. A handler's exception propagates
    (the event stays unprocessed, with its error, to be handled on redelivery or by
    ``retry_unprocessed``).
    """
    if hasattr(event, "to_dict"):
        event = event.to_dict(for_json=True)
    try:
        with transaction.atomic():
            record = _record(event)
    except IntegrityError:  # the same event arriving twice at once: the other one records it
        record = StripeEvent.objects.get(event_id=event["id"])
    if record.processed_at is not None:
        logger.info("Stripe event %s already processed", event["id"])
        return None
    return _handle(record)


def retry_unprocessed(min_age_seconds=60):
    """Handle again the events whose handler failed; returns (handled, still failing)."""
    cutoff = timezone.now() - datetime.timedelta(seconds=min_age_seconds)
    pending = StripeEvent.objects.filter(
        processed_at__isnull=True, received_at__lte=cutoff, attempts__lt=MAX_ATTEMPTS
    ).order_by("created", "pk")
    handled = failing = 0
    for record in pending:
        try:
            _handle(record)
            handled += 1
        except Exception:
            logger.exception("Stripe event %s failed again", record.event_id)
            failing += 1
    return handled, failing
