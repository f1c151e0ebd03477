"""Refunds follow their real status at Stripe: pending, succeeded, failed, canceled. Only a
succeeded refund counts as money returned; a failed one alerts staff."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from oscar.core.loading import get_model

from shop.notifications.models import OutboxMessage
from shop.payments import services
from shop.payments.models import CardPayment, CardRefund
from tests.payments.conftest import browser_confirm, deliver
from tests.payments.test_webhook import last_event

pytestmark = pytest.mark.django_db

PaymentEvent = get_model("order", "PaymentEvent")


@pytest.fixture
def staff(db):
    user = get_user_model().objects.create_user("staff", "staff@example.vn", "pw", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="order", codename__in=["view_order", "change_order"]
        )
    )
    return user


@pytest.fixture
def paid_order(fake_stripe, make_order):
    order = make_order()
    intent_id = services.start_card_payment(order)["intent_id"]
    browser_confirm(fake_stripe, intent_id, "4242424242424242")
    services.capture(order)
    order.refresh_from_db()
    assert order.status == "paid"
    return order


def payment(order):
    return CardPayment.objects.get(order=order)


def refunded_events(order):
    return PaymentEvent.objects.filter(order=order, event_type__name="Refunded")


def staff_alerts():
    return OutboxMessage.objects.filter(event="PAYMENT_PROBLEM")


def refund_pending(client, staff, fake_stripe, order, amount="25000"):
    fake_stripe.next_refund_status = "pending"
    client.force_login(staff)
    response = client.post(
        f"/en/payments/dashboard/orders/{order.number}/refund/", {"amount": amount}, follow=True
    )
    (refund,) = fake_stripe.refunds.values()
    return response.content.decode(), refund


def test_a_pending_refund_is_recorded_as_pending_and_not_counted(
    client, staff, fake_stripe, paid_order
):
    page, refund = refund_pending(client, staff, fake_stripe, paid_order)

    assert "pending until Stripe confirms it" in page
    row = CardRefund.objects.get()
    assert (row.refund_id, row.status, row.amount) == (refund["id"], "pending", Decimal(25000))
    assert payment(paid_order).amount_refunded == 0
    assert payment(paid_order).refundable == Decimal(100000)
    assert not refunded_events(paid_order).exists()
    assert paid_order.sources.get().amount_refunded == 0
    dashboard = client.get(f"/en/dashboard/orders/{paid_order.number}/").content.decode()
    assert f'<li data-status="pending"><code>{refund["id"]}</code>' in dashboard


@pytest.mark.parametrize("event_type", ["charge.refund.updated", "refund.updated"])
def test_a_pending_refund_counts_once_stripe_says_it_succeeded(
    client, staff, fake_stripe, paid_order, event_type
):
    _page, refund = refund_pending(client, staff, fake_stripe, paid_order)
    fake_stripe.set_refund_status(refund["id"], "succeeded")

    response = deliver(client, fake_stripe, last_event(fake_stripe, event_type))

    assert response.status_code == 200
    assert CardRefund.objects.get().status == "succeeded"
    assert payment(paid_order).amount_refunded == Decimal(25000)
    assert refunded_events(paid_order).get().amount == Decimal(25000)
    assert paid_order.sources.get().amount_refunded == Decimal(25000)


@pytest.mark.parametrize("event_type", ["refund.failed", "charge.refund.updated"])
def test_a_failed_refund_is_not_money_returned_and_alerts_staff(
    client, staff, fake_stripe, paid_order, event_type
):
    _page, refund = refund_pending(client, staff, fake_stripe, paid_order)
    fake_stripe.set_refund_status(refund["id"], "failed", "expired_or_canceled_card")

    deliver(client, fake_stripe, last_event(fake_stripe, event_type))

    row = CardRefund.objects.get()
    assert (row.status, row.failure_reason) == ("failed", "expired_or_canceled_card")
    assert payment(paid_order).amount_refunded == 0
    assert payment(paid_order).refundable == Decimal(125000)
    assert not refunded_events(paid_order).exists()
    (alert,) = staff_alerts()
    assert alert.context["reason"] == "refund_failed" and alert.order == paid_order
    paid_order.refresh_from_db()
    assert paid_order.status == "paid"


def test_a_refund_that_fails_after_succeeding_is_taken_back(client, staff, fake_stripe, paid_order):
    client.force_login(staff)
    client.post(f"/en/payments/dashboard/orders/{paid_order.number}/refund/", {"amount": "30000"})
    (refund,) = fake_stripe.refunds.values()
    assert payment(paid_order).amount_refunded == Decimal(30000)

    fake_stripe.set_refund_status(refund["id"], "failed", "lost_or_stolen_card")
    deliver(client, fake_stripe, last_event(fake_stripe, "refund.failed"))

    assert payment(paid_order).amount_refunded == 0
    assert paid_order.sources.get().amount_refunded == 0
    assert PaymentEvent.objects.filter(event_type__name="Refund failed").get().amount == 30000
    assert staff_alerts().count() == 1


def test_a_canceled_refund_is_not_counted_and_frees_the_amount(
    client, staff, fake_stripe, paid_order
):
    _page, refund = refund_pending(client, staff, fake_stripe, paid_order, amount="")
    assert payment(paid_order).refundable == 0
    fake_stripe.set_refund_status(refund["id"], "canceled")

    deliver(client, fake_stripe, last_event(fake_stripe, "charge.refund.updated"))

    assert CardRefund.objects.get().status == "canceled"
    assert payment(paid_order).refundable == Decimal(125000)
    paid_order.refresh_from_db()
    assert paid_order.status == "paid"
    assert not staff_alerts().exists()


def test_a_late_event_of_an_older_status_changes_nothing(client, staff, fake_stripe, paid_order):
    _page, refund = refund_pending(client, staff, fake_stripe, paid_order)
    created = last_event(fake_stripe, "refund.created")
    fake_stripe.set_refund_status(refund["id"], "succeeded")
    deliver(client, fake_stripe, last_event(fake_stripe, "refund.updated"))

    deliver(client, fake_stripe, created)  # says "pending", but Stripe now says succeeded

    assert CardRefund.objects.get().status == "succeeded"
    assert refunded_events(paid_order).count() == 1


def test_a_full_pending_refund_cancels_the_order_only_once_it_succeeds(
    client, staff, fake_stripe, paid_order
):
    _page, refund = refund_pending(client, staff, fake_stripe, paid_order, amount="")
    paid_order.refresh_from_db()
    assert paid_order.status == "paid"

    fake_stripe.set_refund_status(refund["id"], "succeeded")
    deliver(client, fake_stripe, last_event(fake_stripe, "charge.refund.updated"))

    paid_order.refresh_from_db()
    assert paid_order.status == "cancelled"


def test_a_pending_refund_made_in_stripe_is_recorded_pending_from_charge_refunded(
    client, fake_stripe, paid_order
):
    intent_id = payment(paid_order).intent_id
    fake_stripe.next_refund_status = "pending"
    services.gateway().refund(intent_id, Decimal(5000), idempotency_key="outside-pending")

    deliver(client, fake_stripe, last_event(fake_stripe, "charge.refunded"))

    assert CardRefund.objects.get().status == "pending"
    assert payment(paid_order).amount_refunded == 0
