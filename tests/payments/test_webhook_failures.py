"""A webhook whose handling fails is kept and handled again; refunds made outside the shop."""

from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from shop.payments import services, webhooks
from shop.payments.models import CardPayment, StripeEvent
from shop.payments.tasks import retry_stripe_events_task
from tests.payments.conftest import deliver
from tests.payments.test_webhook import authorised_order, last_event

pytestmark = pytest.mark.django_db

PaymentEvent = get_model("order", "PaymentEvent")


def paid_order(client, fake_stripe, make_order):
    order, intent_id, _ = authorised_order(make_order, fake_stripe)
    deliver(
        client, fake_stripe, last_event(fake_stripe, "payment_intent.amount_capturable_updated")
    )
    order.refresh_from_db()
    assert order.status == "paid"
    return order, intent_id


def test_a_failing_handler_answers_500_and_the_redelivery_handles_the_event(
    client, fake_stripe, make_order, monkeypatch
):
    order, intent_id, _ = authorised_order(make_order, fake_stripe)
    event = last_event(fake_stripe, "payment_intent.amount_capturable_updated")
    real_settle = services.settle

    def broken(*args, **kwargs):
        raise ConnectionError("Stripe unreachable")

    monkeypatch.setattr(services, "settle", broken)
    failed = deliver(client, fake_stripe, event)

    assert failed.status_code == 500
    record = StripeEvent.objects.get(event_id=event["id"])
    assert record.processed_at is None
    assert record.attempts == 1
    assert "Stripe unreachable" in record.last_error
    order.refresh_from_db()
    assert order.status == "pending_payment"

    monkeypatch.setattr(services, "settle", real_settle)
    again = deliver(client, fake_stripe, event)

    assert again.status_code == 200
    order.refresh_from_db()
    assert order.status == "paid"
    record.refresh_from_db()
    assert record.processed_at is not None and record.last_error == ""
    assert StripeEvent.objects.count() == 1
    assert deliver(client, fake_stripe, event).content == b"duplicate"


def test_the_periodic_task_retries_failed_events_without_stripe_redelivering(
    client, fake_stripe, make_order, monkeypatch
):
    order, intent_id, _ = authorised_order(make_order, fake_stripe)
    event = last_event(fake_stripe, "payment_intent.amount_capturable_updated")
    real_settle = services.settle
    monkeypatch.setattr(services, "settle", lambda *a, **k: 1 / 0)
    assert deliver(client, fake_stripe, event).status_code == 500

    # Too recent: left for Stripe's own redelivery first.
    assert retry_stripe_events_task() == {"handled": 0, "failing": 0}
    StripeEvent.objects.update(received_at=StripeEvent.objects.get().received_at.replace(year=2020))
    assert retry_stripe_events_task() == {"handled": 0, "failing": 1}
    assert StripeEvent.objects.get().attempts == 2

    monkeypatch.setattr(services, "settle", real_settle)
    assert retry_stripe_events_task() == {"handled": 1, "failing": 0}
    order.refresh_from_db()
    assert order.status == "paid"
    assert retry_stripe_events_task() == {"handled": 0, "failing": 0}


def test_an_event_that_keeps_failing_is_given_up_after_max_attempts(fake_stripe, make_order):
    StripeEvent.objects.create(
        event_id="evt_broken",
        type="payment_intent.succeeded",
        payload={"id": "evt_broken", "type": "payment_intent.succeeded"},
        attempts=webhooks.MAX_ATTEMPTS,
    )
    StripeEvent.objects.update(received_at=StripeEvent.objects.get().received_at.replace(year=2020))

    assert webhooks.retry_unprocessed() == (0, 0)


def test_a_partial_refund_made_in_stripe_is_recorded_on_the_order(client, fake_stripe, make_order):
    order, intent_id = paid_order(client, fake_stripe, make_order)
    services.gateway().refund(intent_id, Decimal(25000), idempotency_key="outside-1")

    response = deliver(client, fake_stripe, last_event(fake_stripe, "charge.refunded"))

    assert response.status_code == 200
    payment = CardPayment.objects.get(intent_id=intent_id)
    assert payment.amount_refunded == Decimal(25000)
    refund = PaymentEvent.objects.get(order=order, event_type__name="Refunded")
    assert refund.amount == Decimal(25000)
    assert order.sources.get().amount_refunded == Decimal(25000)
    order.refresh_from_db()
    assert order.status == "paid"


def test_a_full_refund_made_in_stripe_cancels_the_unshipped_order_once(
    client, fake_stripe, make_order
):
    order, intent_id = paid_order(client, fake_stripe, make_order)
    services.gateway().refund(intent_id, Decimal(125000), idempotency_key="outside-2")
    event = last_event(fake_stripe, "charge.refunded")

    deliver(client, fake_stripe, event)
    StripeEvent.objects.all().delete()  # even if the event were handled twice
    deliver(client, fake_stripe, event)

    order.refresh_from_db()
    assert order.status == "cancelled"
    assert PaymentEvent.objects.filter(order=order, event_type__name="Refunded").count() == 1
    assert order.sources.get().amount_refunded == Decimal(125000)
    line = order.lines.get()
    assert line.stockrecord.num_allocated == 0


def test_a_refund_from_the_dashboard_is_not_recorded_twice_by_its_event(
    client, fake_stripe, make_order
):
    order, intent_id = paid_order(client, fake_stripe, make_order)
    services.refund(order, amount=Decimal(40000))

    deliver(client, fake_stripe, last_event(fake_stripe, "charge.refunded"))

    assert CardPayment.objects.get(intent_id=intent_id).amount_refunded == Decimal(40000)
    assert PaymentEvent.objects.filter(order=order, event_type__name="Refunded").count() == 1


def test_refund_events_out_of_order_record_the_highest_total(client, fake_stripe, make_order):
    order, intent_id = paid_order(client, fake_stripe, make_order)
    services.gateway().refund(intent_id, Decimal(10000), idempotency_key="o-1")
    first = last_event(fake_stripe, "charge.refunded")
    services.gateway().refund(intent_id, Decimal(20000), idempotency_key="o-2")
    second = last_event(fake_stripe, "charge.refunded")

    deliver(client, fake_stripe, second)
    deliver(client, fake_stripe, first)

    assert CardPayment.objects.get(intent_id=intent_id).amount_refunded == Decimal(30000)
    assert order.sources.get().amount_refunded == Decimal(30000)
