"""Stripe webhook: verify the signature, record the event once, dispatch by type.

Every handler reads the intent's (or refund's) current state from Stripe and lets
``services.settle`` (or ``refunds``) check the order's state before acting, so redelivered
or out-of-order events do no harm. A body that is not a Stripe event is refused before
anything is written.
"""

import datetime
import json
import logging
import time

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from . import refunds, services
from .models import StripeEvent

logger = logging.getLogger(__name__)


class InvalidWebhook(Exception):
    """The request is not a genuine, fresh Stripe event."""


TOLERANCE_SECONDS = stripe.Webhook.DEFAULT_TOLERANCE


def _signed_at(signature):
    """The timestamps (t=…) of a Stripe-Signature header."""
    stamps = []
    for part in signature.split(","):
        name, _, value = part.strip().partition("=")
        if name == "t":
            try:
                stamps.append(int(value))
            except ValueError:
                raise InvalidWebhook("unreadable signature timestamp") from None
    return stamps


def verify(payload, signature):
    """The event of a genuinely signed, fresh webhook, as a plain dict of Stripe's shape.

    Refused: no secret or signature, a wrong signature, a timestamp further than Stripe's
    tolerance (300 s) in the past or in the future, and a body that is not an event object.
    """
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret or not signature:
        raise InvalidWebhook("missing signature or webhook secret")
    try:
        stripe.WebhookSignature.verify_header(payload, signature, secret, TOLERANCE_SECONDS)
    except stripe.SignatureVerificationError as exc:
        raise InvalidWebhook(str(exc)) from exc
    # The library refuses old timestamps only; one from the future is as suspect.
    if any(t > time.time() + TOLERANCE_SECONDS for t in _signed_at(signature)):
        raise InvalidWebhook("signature timestamp in the future")
    try:
        event = json.loads(payload)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidWebhook(f"body is not JSON: {exc}") from exc
    return check_event(event)


def _text(value, limit):
    return isinstance(value, str) and 0 < len(value) <= limit


def check_event(event):
    """The event if it has Stripe's event shape, else InvalidWebhook (nothing is recorded)."""
    if not isinstance(event, dict):
        raise InvalidWebhook(f"event is a {type(event).__name__}, not an object")
    if not _text(event.get("id"), 255) or not _text(event.get("type"), 100):
        raise InvalidWebhook("event without a valid id or type")
    if event.get("object", "event") != "event":
        raise InvalidWebhook("not an event object")
    created = event.get("created")
    if created is not None and (
        not isinstance(created, int) or isinstance(created, bool) or not 0 <= created < 2**33
    ):
        raise InvalidWebhook("invalid created timestamp")
    data = event.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("object"), dict):
        raise InvalidWebhook("event without a data.object")
    obj = data["object"]
    if "id" in obj and not _text(obj["id"], 255):
        raise InvalidWebhook("data.object with an invalid id")
    if event["type"] in OBJECT_OF and not _object_fits(event["type"], obj):
        raise InvalidWebhook(f"data.object does not fit a {event['type']} event")
    return event


def _object_fits(type_, obj):
    kind, needs = OBJECT_OF[type_]
    if obj.get("object") != kind or not _text(obj.get("id"), 255):
        return False
    for name, types in needs.items():
        value = obj.get(name)
        if value is not None and (not isinstance(value, types) or isinstance(value, bool)):
            return False
    return True


INTENT_FIELDS = {"amount": int, "status": str, "currency": str}
REFUND_FIELDS = {"amount": int, "status": str, "payment_intent": str}
# What the handled events carry: the kind of object and the types of the fields read.
OBJECT_OF = {
    "payment_intent.amount_capturable_updated": ("payment_intent", INTENT_FIELDS),
    "payment_intent.succeeded": ("payment_intent", INTENT_FIELDS),
    "payment_intent.payment_failed": ("payment_intent", INTENT_FIELDS),
    "payment_intent.canceled": ("payment_intent", INTENT_FIELDS),
    "charge.refunded": ("charge", {"payment_intent": str, "amount_refunded": int}),
    "charge.refund.updated": ("refund", REFUND_FIELDS),
    "refund.created": ("refund", REFUND_FIELDS),
    "refund.updated": ("refund", REFUND_FIELDS),
    "refund.failed": ("refund", REFUND_FIELDS),
}


def handle_intent(event):
    """Bring the order in line with the intent's current state (read fresh from Stripe).

    The order is the one that created the intent; an intent no order created pays nothing,
    whatever its metadata says (``services.stray_intent`` records it for staff)."""
    intent_id = event["data"]["object"]["id"]
    payment = services.payment_of(intent_id)
    if payment is None:
        return services.stray_intent(intent_id)
    return services.settle(payment.order, intent_id)


def handle_charge_refunded(event):
    """Refunds made outside the shop (e.g. in Stripe's dashboard) are recorded on the order,
    each with its status as Stripe has it now."""
    intent_id = event["data"]["object"].get("payment_intent")
    if not intent_id:
        return "no payment intent"
    return refunds.sync_payment(intent_id)


def handle_refund(event):
    """A refund's status changed (pending → succeeded, failed, canceled)."""
    return refunds.sync(event["data"]["object"]["id"])


HANDLERS = {
    "payment_intent.amount_capturable_updated": handle_intent,
    "payment_intent.succeeded": handle_intent,
    "payment_intent.payment_failed": handle_intent,
    "payment_intent.canceled": handle_intent,
    "charge.refunded": handle_charge_refunded,
    "charge.refund.updated": handle_refund,
    "refund.created": handle_refund,
    "refund.updated": handle_refund,
    "refund.failed": handle_refund,
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
