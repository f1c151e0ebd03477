"""POST /payments/stripe/webhook/: signed events only, each processed once, in any order."""

import time
from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from shop.payments import services
from shop.payments.models import CardPayment, PaymentMismatch, StripeEvent
from tests.payments.conftest import browser_confirm, deliver

pytestmark = pytest.mark.django_db

PaymentEvent = get_model("order", "PaymentEvent")
StockRecord = get_model("partner", "StockRecord")


def authorised_order(make_order, fake, card="4242424242424242"):
    order = make_order()
    started = services.start_card_payment(order)
    status, body = browser_confirm(fake, started["intent_id"], card)
    return order, started["intent_id"], body


def last_event(fake, type_):
    return fake.events_of(type_)[-1]


def allocated(order):
    return StockRecord.objects.get(pk=order.lines.get().stockrecord_id).num_allocated


def test_amount_capturable_updated_captures_and_completes_the_order_without_the_browser(
    client, fake_stripe, make_order
):
    order, intent_id, _ = authorised_order(make_order, fake_stripe)

    response = deliver(
        client, fake_stripe, last_event(fake_stripe, "payment_intent.amount_capturable_updated")
    )

    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == "paid"
    assert fake_stripe.intents[intent_id]["status"] == "succeeded"
    assert fake_stripe.intents[intent_id]["amount_received"] == 125000
    assert CardPayment.objects.get(intent_id=intent_id).amount_captured == Decimal(125000)
    paid = PaymentEvent.objects.get(order=order)
    assert (paid.amount, paid.reference) == (Decimal(125000), intent_id)
    assert order.sources.get().source_type.name == "Stripe"
    assert order.sources.get().amount_debited == Decimal(125000)


def test_succeeded_alone_completes_the_order(client, fake_stripe, make_order):
    order, intent_id, _ = authorised_order(make_order, fake_stripe)
    services.gateway().capture(intent_id)  # captured elsewhere (e.g. from Stripe's dashboard)

    response = deliver(client, fake_stripe, last_event(fake_stripe, "payment_intent.succeeded"))

    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == "paid"
    assert StripeEvent.objects.get().processed_at is not None


def test_a_redelivered_event_is_processed_once(client, fake_stripe, make_order):
    order, intent_id, _ = authorised_order(make_order, fake_stripe)
    event = last_event(fake_stripe, "payment_intent.amount_capturable_updated")

    first = deliver(client, fake_stripe, event)
    second = deliver(client, fake_stripe, event)

    assert (first.status_code, second.status_code) == (200, 200)
    assert second.content == b"duplicate"
    assert StripeEvent.objects.filter(event_id=event["id"]).count() == 1
    assert PaymentEvent.objects.filter(order=order).count() == 1
    captures = [r for r in fake_stripe.requests if r[1].endswith("/capture")]
    assert len(captures) == 1


def test_every_event_of_a_payment_in_reverse_order_does_no_harm(client, fake_stripe, make_order):
    order, intent_id, _ = authorised_order(make_order, fake_stripe)
    deliver(
        client, fake_stripe, last_event(fake_stripe, "payment_intent.amount_capturable_updated")
    )
    events = [e for e in fake_stripe.events if e["type"].startswith("payment_intent.")]

    for event in reversed(events):
        assert deliver(client, fake_stripe, event).status_code == 200

    order.refresh_from_db()
    assert order.status == "paid"
    assert PaymentEvent.objects.filter(order=order).count() == 1
    assert len([r for r in fake_stripe.requests if r[1].endswith("/capture")]) == 1


def test_succeeded_before_amount_capturable_updated(client, fake_stripe, make_order):
    order, intent_id, _ = authorised_order(make_order, fake_stripe)
    capturable = last_event(fake_stripe, "payment_intent.amount_capturable_updated")
    services.gateway().capture(intent_id)

    deliver(client, fake_stripe, last_event(fake_stripe, "payment_intent.succeeded"))
    late = deliver(client, fake_stripe, capturable)

    assert late.status_code == 200
    order.refresh_from_db()
    assert order.status == "paid"
    assert CardPayment.objects.get().status == "succeeded"


def test_succeeded_after_a_full_refund_does_not_reopen_the_order(client, fake_stripe, make_order):
    order, intent_id, _ = authorised_order(make_order, fake_stripe)
    deliver(
        client, fake_stripe, last_event(fake_stripe, "payment_intent.amount_capturable_updated")
    )
    services.refund(order)
    order.refresh_from_db()
    assert order.status == "cancelled"

    deliver(client, fake_stripe, last_event(fake_stripe, "payment_intent.succeeded"))

    order.refresh_from_db()
    assert order.status == "cancelled"
    assert len(fake_stripe.refunds) == 1


def test_succeeded_for_an_order_cancelled_meanwhile_is_refunded(client, fake_stripe, make_order):
    order, intent_id, _ = authorised_order(make_order, fake_stripe)
    services._cancel_order(order, reason="stock problem")
    services.gateway().capture(intent_id)

    deliver(client, fake_stripe, last_event(fake_stripe, "payment_intent.succeeded"))

    order.refresh_from_db()
    assert order.status == "cancelled"
    (refund,) = fake_stripe.refunds.values()
    assert refund["amount"] == 125000
    assert refund["payment_intent"] == intent_id


def test_an_authorisation_for_a_cancelled_order_is_released_not_captured(
    client, fake_stripe, make_order
):
    order, intent_id, _ = authorised_order(make_order, fake_stripe)
    services._cancel_order(order, reason="stock problem")

    deliver(
        client, fake_stripe, last_event(fake_stripe, "payment_intent.amount_capturable_updated")
    )

    assert fake_stripe.intents[intent_id]["status"] == "canceled"
    assert not [r for r in fake_stripe.requests if r[1].endswith("/capture")]


def test_a_declined_card_cancels_the_unpaid_order_and_releases_its_stock(
    client, fake_stripe, make_order
):
    order, intent_id, body = authorised_order(make_order, fake_stripe, card="4000000000000002")
    assert body["error"]["code"] == "card_declined"
    assert allocated(order) == 1

    deliver(client, fake_stripe, last_event(fake_stripe, "payment_intent.payment_failed"))

    order.refresh_from_db()
    assert order.status == "cancelled"
    assert allocated(order) == 0
    assert fake_stripe.intents[intent_id]["status"] == "canceled"


def test_canceled_cancels_the_unpaid_order(client, fake_stripe, make_order):
    order = make_order()
    intent_id = services.start_card_payment(order)["intent_id"]
    services.gateway().cancel(intent_id)

    deliver(client, fake_stripe, last_event(fake_stripe, "payment_intent.canceled"))

    order.refresh_from_db()
    assert order.status == "cancelled"


def test_other_event_types_are_recorded_and_ignored(client, fake_stripe, make_order):
    order = make_order()
    services.start_card_payment(order)

    response = deliver(client, fake_stripe, last_event(fake_stripe, "payment_intent.created"))

    assert response.status_code == 200
    assert StripeEvent.objects.get().result == "ignored"
    order.refresh_from_db()
    assert order.status == "pending_payment"


def post(client, payload, signature=None):
    headers = {"HTTP_STRIPE_SIGNATURE": signature} if signature is not None else {}
    return client.post(
        "/payments/stripe/webhook/", data=payload, content_type="application/json", **headers
    )


@pytest.mark.parametrize("case", ["missing", "wrong secret", "tampered", "stale", "garbage"])
def test_a_bad_signature_gets_400_and_writes_nothing(client, fake_stripe, make_order, case):
    order, intent_id, _ = authorised_order(make_order, fake_stripe)
    event = last_event(fake_stripe, "payment_intent.amount_capturable_updated")
    payload, good = fake_stripe.signed(event)
    signature = {
        "missing": None,
        "wrong secret": fake_stripe.signed(event, secret="whsec_other")[1],
        "tampered": good,
        "stale": fake_stripe.signed(event, timestamp=int(time.time()) - 3600)[1],
        "garbage": "t=1,v1=abc",
    }[case]
    if case == "tampered":
        payload = payload.replace("125000", "1")

    response = post(client, payload, signature)

    assert response.status_code == 400
    assert StripeEvent.objects.count() == 0
    order.refresh_from_db()
    assert order.status == "pending_payment"
    assert not [r for r in fake_stripe.requests if r[1].endswith("/capture")]


def test_without_a_webhook_secret_every_webhook_is_refused(client, fake_stripe, settings):
    settings.STRIPE_WEBHOOK_SECRET = ""
    payload, signature = fake_stripe.signed(fake_stripe.make_event("ping", {"id": "x"}))

    assert post(client, payload, signature).status_code == 400
    assert StripeEvent.objects.count() == 0


def test_the_webhook_answers_only_post(client):
    assert client.get("/payments/stripe/webhook/").status_code == 405


def test_an_intent_the_order_did_not_create_is_not_adopted_from_its_metadata(
    client, fake_stripe, make_order
):
    order, intent_id, _ = authorised_order(make_order, fake_stripe)
    CardPayment.objects.all().delete()  # the shop keeps no record of having created it

    deliver(
        client, fake_stripe, last_event(fake_stripe, "payment_intent.amount_capturable_updated")
    )

    order.refresh_from_db()
    assert order.status == "pending_payment"
    assert not CardPayment.objects.exists()
    # Not captured: the authorisation is released and the intent is kept for staff.
    assert fake_stripe.intents[intent_id]["status"] == "canceled"
    assert not [r for r in fake_stripe.requests if r[1].endswith("/capture")]
    mismatch = PaymentMismatch.objects.get()
    assert (mismatch.intent_id, mismatch.kind, mismatch.order) == (
        intent_id,
        "unknown_intent",
        order,
    )
