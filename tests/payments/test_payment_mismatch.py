"""An order is paid only by the PaymentIntent it created, for exactly its total in its
currency; anything else leaves it unpaid, is recorded for staff and alerts them."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from oscar.core.loading import get_model

from shop.notifications.models import OutboxMessage
from shop.payments import services, webhooks
from shop.payments.models import CardPayment, PaymentMismatch, StripeEvent
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


def authorised(make_order, fake, price=Decimal(80000)):
    order = make_order(price=price)
    intent_id = services.start_card_payment(order)["intent_id"]
    browser_confirm(fake, intent_id, "4242424242424242")
    return order, intent_id


def staff_alerts():
    return OutboxMessage.objects.filter(event="PAYMENT_PROBLEM")


def assert_unpaid(order):
    order.refresh_from_db()
    assert order.status == "pending_payment"
    assert not PaymentEvent.objects.filter(order=order, event_type__name="Paid").exists()
    assert not order.sources.filter(amount_debited__gt=0).exists()


def test_a_partial_capture_does_not_pay_the_order(client, fake_stripe, make_order, staff):
    order, intent_id = authorised(make_order, fake_stripe)
    services.gateway().capture(intent_id, Decimal(79000))  # e.g. from Stripe's dashboard

    response = deliver(client, fake_stripe, last_event(fake_stripe, "payment_intent.succeeded"))

    assert response.status_code == 200
    assert_unpaid(order)
    mismatch = PaymentMismatch.objects.get()
    assert (mismatch.kind, mismatch.intent_id, mismatch.amount, mismatch.currency) == (
        "wrong_amount",
        intent_id,
        79000,
        "VND",
    )
    assert mismatch.order == order
    (alert,) = staff_alerts()
    assert alert.recipient == "staff@example.vn" and alert.order == order
    assert alert.context["reference"] == intent_id and alert.context["amount"] == "79000"


def test_the_return_page_does_not_say_paid_for_a_partial_capture(client, fake_stripe, make_order):
    order, intent_id = authorised(make_order, fake_stripe)
    services.gateway().capture(intent_id, Decimal(79000))

    page = client.get("/en" + services.card_return_url(order), {"payment_intent": intent_id})

    assert "Payment received" not in page.content.decode()
    assert_unpaid(order)
    assert PaymentMismatch.objects.get().kind == "wrong_amount"


@pytest.mark.parametrize("amount", [1000, 80000])
def test_another_intent_naming_the_order_in_its_metadata_does_not_pay_it(
    client, fake_stripe, make_order, staff, amount
):
    order = make_order(price=Decimal(80000))
    services.start_card_payment(order)
    stray = fake_stripe.intent_made_elsewhere(
        amount=amount, metadata={"order_number": order.number}
    )

    response = deliver(client, fake_stripe, last_event(fake_stripe, "payment_intent.succeeded"))

    assert response.status_code == 200
    assert_unpaid(order)
    mismatch = PaymentMismatch.objects.get()
    assert (mismatch.kind, mismatch.intent_id, mismatch.amount, mismatch.order) == (
        "unknown_intent",
        stray["id"],
        amount,
        order,
    )
    assert staff_alerts().count() == 1
    assert not CardPayment.objects.filter(intent_id=stray["id"]).exists()


def test_an_unknown_authorisation_is_released_not_captured(client, fake_stripe, make_order):
    order = make_order(price=Decimal(80000))
    stray = fake_stripe.intent_made_elsewhere(
        amount=80000, metadata={"order_number": order.number}, status="requires_capture"
    )

    deliver(
        client, fake_stripe, last_event(fake_stripe, "payment_intent.amount_capturable_updated")
    )

    assert_unpaid(order)
    assert fake_stripe.intents[stray["id"]]["status"] == "canceled"
    assert not [r for r in fake_stripe.requests if r[1].endswith("/capture")]
    assert PaymentMismatch.objects.get().intent_status == "requires_capture"


def test_a_stray_intent_without_an_order_is_kept_for_staff(client, fake_stripe, staff):
    stray = fake_stripe.intent_made_elsewhere(amount=50000, metadata={"order_number": "nope"})

    deliver(client, fake_stripe, last_event(fake_stripe, "payment_intent.succeeded"))

    mismatch = PaymentMismatch.objects.get()
    assert (mismatch.intent_id, mismatch.order) == (stray["id"], None)
    assert staff_alerts().get().order is None


def test_another_currency_is_not_captured(client, fake_stripe, make_order):
    order, intent_id = authorised(make_order, fake_stripe)
    fake_stripe.intents[intent_id]["currency"] = "usd"

    deliver(
        client, fake_stripe, last_event(fake_stripe, "payment_intent.amount_capturable_updated")
    )

    assert_unpaid(order)
    assert not [r for r in fake_stripe.requests if r[1].endswith("/capture")]
    assert PaymentMismatch.objects.get().kind == "wrong_currency"


def test_an_intent_for_another_amount_is_not_captured_by_the_capture_action(
    fake_stripe, make_order
):
    order, intent_id = authorised(make_order, fake_stripe)
    fake_stripe.intents[intent_id]["amount_capturable"] = 1000

    services.capture(order)

    assert_unpaid(order)
    assert fake_stripe.intents[intent_id]["status"] == "requires_capture"
    assert PaymentMismatch.objects.get().amount == 1000


def test_redelivery_records_and_alerts_once(client, fake_stripe, make_order, staff):
    order, intent_id = authorised(make_order, fake_stripe)
    services.gateway().capture(intent_id, Decimal(79000))
    event = last_event(fake_stripe, "payment_intent.succeeded")

    deliver(client, fake_stripe, event)
    StripeEvent.objects.all().delete()
    deliver(client, fake_stripe, event)
    deliver(client, fake_stripe, last_event(fake_stripe, "charge.succeeded"))

    assert PaymentMismatch.objects.count() == 1
    assert staff_alerts().count() == 1
    assert_unpaid(order)


def test_the_retry_task_does_not_pay_with_a_stray_intent(client, fake_stripe, make_order):
    order = make_order(price=Decimal(80000))
    fake_stripe.intent_made_elsewhere(amount=80000, metadata={"order_number": order.number})
    event = last_event(fake_stripe, "payment_intent.succeeded")
    StripeEvent.objects.create(event_id=event["id"], type=event["type"], payload=event, attempts=1)
    StripeEvent.objects.update(received_at=StripeEvent.objects.get().received_at.replace(year=2020))

    assert webhooks.retry_unprocessed() == (1, 0)

    assert_unpaid(order)
    assert PaymentMismatch.objects.get().kind == "unknown_intent"


def test_a_second_payment_of_a_paid_order_is_recorded(client, fake_stripe, make_order):
    order, first = authorised(make_order, fake_stripe)
    services.capture(order)
    order.refresh_from_db()
    assert order.status == "paid"
    second = services.gateway().create_intent(
        order_number=order.number, amount=Decimal(80000), attempt=2
    )
    CardPayment.objects.create(
        order=order,
        order_number=order.number,
        intent_id=second.id,
        idempotency_key="second",
        attempt=2,
        amount=80000,
    )
    browser_confirm(fake_stripe, second.id, "4242424242424242")
    services.gateway().capture(second.id)

    deliver(client, fake_stripe, last_event(fake_stripe, "payment_intent.succeeded"))

    assert PaymentEvent.objects.filter(order=order, event_type__name="Paid").count() == 1
    mismatch = PaymentMismatch.objects.get()
    assert (mismatch.kind, mismatch.intent_id) == ("already_paid", second.id)


def test_staff_see_mismatches_on_the_order_page_and_in_the_list(
    client, fake_stripe, make_order, staff
):
    order, intent_id = authorised(make_order, fake_stripe)
    services.gateway().capture(intent_id, Decimal(79000))
    deliver(client, fake_stripe, last_event(fake_stripe, "payment_intent.succeeded"))
    stray = fake_stripe.intent_made_elsewhere(amount=13000)
    deliver(client, fake_stripe, last_event(fake_stripe, "payment_intent.succeeded"))
    client.force_login(staff)

    order_page = client.get(f"/en/dashboard/orders/{order.number}/").content.decode()
    listing = client.get("/en/payments/dashboard/mismatches/").content.decode()

    assert 'id="card-payment-mismatches"' in order_page
    assert intent_id in order_page and "79.000" in order_page
    assert "Amount differs from the order total" in order_page
    assert intent_id in listing and stray["id"] in listing
    assert f">{order.number}</a>" in listing


def test_customers_cannot_see_the_mismatch_list(client, db):
    customer = get_user_model().objects.create_user("c", "c@example.vn", "pw")
    client.force_login(customer)

    response = client.get("/en/payments/dashboard/mismatches/")

    assert response.status_code == 302 and "login" in response["Location"]


def test_the_staff_alert_reads_in_vietnamese_with_the_stripe_reference(
    client, fake_stripe, make_order, staff
):
    from shop.notifications import services as notifications

    order, intent_id = authorised(make_order, fake_stripe)
    services.gateway().capture(intent_id, Decimal(79000))
    deliver(client, fake_stripe, last_event(fake_stripe, "payment_intent.succeeded"))

    rendered = notifications.render(staff_alerts().get())

    assert rendered["subject"].strip() == (
        f"Thanh toán thẻ cần kiểm tra của đơn hàng {order.number}"
    )
    assert intent_id in rendered["body"] and "79000 VND" in rendered["body"]
    assert "Số tiền nhận được khác tổng tiền đơn hàng" in rendered["body"]
    assert intent_id in rendered["html"]
