"""A genuinely signed webhook whose body is not a Stripe event, or whose signature is not
fresh (older or newer than Stripe's 300 s tolerance), is refused with 400 and writes nothing."""

import json
import time

import pytest
from oscar.core.loading import get_model

from shop.notifications.models import OutboxMessage
from shop.payments import services
from shop.payments.models import CardPayment, PaymentMismatch, StripeEvent
from tests.payments.conftest import browser_confirm

pytestmark = pytest.mark.django_db

PaymentEvent = get_model("order", "PaymentEvent")


def post_signed(client, fake, payload, timestamp=None):
    body = payload if isinstance(payload, str) else json.dumps(payload)
    return client.post(
        "/payments/stripe/webhook/",
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=fake.sign(body, timestamp=timestamp),
    )


def good_event(fake, intent_id="pi_123"):
    return fake.make_event(
        "payment_intent.succeeded",
        {"id": intent_id, "object": "payment_intent", "amount": 80000, "status": "succeeded"},
    )


def without(event, *path):
    *parents, last = path
    node = event
    for key in parents:
        node = node[key]
    del node[last]
    return event


def replaced(event, value, *path):
    *parents, last = path
    node = event
    for key in parents:
        node = node[key]
    node[last] = value
    return event


BAD_BODIES = {
    "array": lambda e: [e],
    "null": lambda e: None,
    "number": lambda e: 42,
    "string": lambda e: "payment_intent.succeeded",
    "true": lambda e: True,
    "empty object": lambda e: {},
    "no id": lambda e: without(e, "id"),
    "no type": lambda e: without(e, "type"),
    "no data": lambda e: without(e, "data"),
    "no data.object": lambda e: without(e, "data", "object"),
    "data is a list": lambda e: replaced(e, [], "data"),
    "data.object is a string": lambda e: replaced(e, "pi_123", "data", "object"),
    "data.object is null": lambda e: replaced(e, None, "data", "object"),
    "data.object is a list": lambda e: replaced(e, [{"id": "pi_1"}], "data", "object"),
    "id is a number": lambda e: replaced(e, 12, "id"),
    "id is empty": lambda e: replaced(e, "", "id"),
    "id is too long": lambda e: replaced(e, "evt_" + "x" * 300, "id"),
    "type is a list": lambda e: replaced(e, ["payment_intent.succeeded"], "type"),
    "created is a string": lambda e: replaced(e, "yesterday", "created"),
    "object is not event": lambda e: replaced(e, "charge", "object"),
    "intent id is a number": lambda e: replaced(e, 5, "data", "object", "id"),
    "intent without id": lambda e: without(e, "data", "object", "id"),
    "charge for an intent event": lambda e: replaced(e, "charge", "data", "object", "object"),
    "amount is a string": lambda e: replaced(e, "80000", "data", "object", "amount"),
    "status is a number": lambda e: replaced(e, 1, "data", "object", "status"),
}


@pytest.mark.parametrize("case", BAD_BODIES)
def test_a_signed_body_that_is_not_an_event_gets_400_and_writes_nothing(
    client, fake_stripe, make_order, case
):
    order = make_order()
    intent_id = services.start_card_payment(order)["intent_id"]
    browser_confirm(fake_stripe, intent_id, "4242424242424242")
    services.gateway().capture(intent_id)
    requests_before = len(fake_stripe.requests)
    payload = BAD_BODIES[case](good_event(fake_stripe, intent_id))

    response = post_signed(client, fake_stripe, payload)

    assert response.status_code == 400
    assert StripeEvent.objects.count() == 0
    assert PaymentMismatch.objects.count() == 0
    assert not OutboxMessage.objects.filter(event="PAYMENT_PROBLEM").exists()
    assert not PaymentEvent.objects.exists()
    order.refresh_from_db()
    assert order.status == "pending_payment"
    assert CardPayment.objects.get().status == "requires_payment_method"
    assert len(fake_stripe.requests) == requests_before  # Stripe not even asked


def test_a_body_that_is_not_json_gets_400(client, fake_stripe):
    assert post_signed(client, fake_stripe, "{not json").status_code == 400
    assert post_signed(client, fake_stripe, "\ufeff").status_code == 400
    assert StripeEvent.objects.count() == 0


@pytest.mark.parametrize("offset", [-301, -3600, 301, 3600, 10**8])
def test_a_signature_outside_the_tolerance_gets_400(client, fake_stripe, offset):
    response = post_signed(
        client, fake_stripe, good_event(fake_stripe), timestamp=int(time.time()) + offset
    )

    assert response.status_code == 400
    assert StripeEvent.objects.count() == 0


@pytest.mark.parametrize("offset", [-250, 0, 250])
def test_a_signature_within_the_tolerance_is_accepted(client, fake_stripe, offset):
    event = fake_stripe.make_event(
        "customer.created", {"id": "cus_1", "object": "customer", "email": None}
    )

    response = post_signed(client, fake_stripe, event, timestamp=int(time.time()) + offset)

    assert response.status_code == 200
    assert StripeEvent.objects.get().result == "ignored"


def test_a_header_with_a_future_and_a_fresh_timestamp_is_refused(client, fake_stripe):
    body = json.dumps(good_event(fake_stripe))
    fresh = fake_stripe.sign(body)
    future = fake_stripe.sign(body, timestamp=int(time.time()) + 3600)

    response = client.post(
        "/payments/stripe/webhook/",
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=f"{fresh},{future}",
    )

    assert response.status_code == 400
    assert StripeEvent.objects.count() == 0
