"""Stripe webhook: verify the signature, record the event once, dispatch by type.

Every handler reads the intent's current state from Stripe and lets ``services.settle``
check the order's state before acting, so redelivered or out-of-order events do no harm.
"""

import datetime
import logging

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
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


HANDLERS = {
    "payment_intent.amount_capturable_updated": handle_intent,
    "payment_intent.succeeded": handle_intent,
    "payment_intent.payment_failed": handle_intent,
    "payment_intent.canceled": handle_intent,
}


def process(event):
    """Record the event (unique id) and handle it; a redelivered event does nothing.

    Returns the handler's result, or None for a duplicate.
    """
    if hasattr(event, "to_dict"):
        event = event.to_dict(for_json=True)
    created = event.get("created")
    try:
        with transaction.atomic():
            record = StripeEvent.objects.create(
                event_id=event["id"],
                type=event["type"],
                created=datetime.datetime.fromtimestamp(created, tz=datetime.UTC)
                if created
                else None,
                payload=event,
            )
    except IntegrityError:
        logger.info("Stripe event %s already received", event["id"])
        return None
    handler = HANDLERS.get(event["type"])
    result = handler(event) if handler else "ignored"
    record.processed_at = timezone.now()
    record.result = str(result)[:255]
    record.save(update_fields=["processed_at", "result"])
    return result
