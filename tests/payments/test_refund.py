"""Staff refund a card payment from the order dashboard."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.template.loader import render_to_string
from django.test import RequestFactory
from oscar.core.loading import get_model

from shop.payments import services
from tests.payments.conftest import browser_confirm

pytestmark = pytest.mark.django_db

PaymentEvent = get_model("order", "PaymentEvent")
StockRecord = get_model("partner", "StockRecord")


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


def refund_url(order):
    return f"/en/payments/dashboard/orders/{order.number}/refund/"


def post_refund(client, order, data=None):
    """POST the refund form; returns the text of the next page with its messages."""
    response = client.post(refund_url(order), data or {})
    assert response.status_code == 302
    assert response["Location"] == f"/en/dashboard/orders/{order.number}/"
    return client.get("/en/").content.decode()


def test_staff_refund_part_of_a_payment(client, staff, fake_stripe, paid_order):
    client.force_login(staff)

    page = post_refund(client, paid_order, {"amount": "25000"})

    (refund,) = fake_stripe.refunds.values()
    assert refund["amount"] == 25000
    assert "Refunded 25.000 ₫ to the card" in page
    event = PaymentEvent.objects.get(order=paid_order, event_type__name="Refunded")
    assert (event.amount, event.reference) == (Decimal(25000), refund["id"])
    assert paid_order.sources.get().amount_refunded == Decimal(25000)
    paid_order.refresh_from_db()
    assert paid_order.status == "paid"


def test_a_full_refund_before_shipping_cancels_the_order_and_frees_the_stock(
    client, staff, fake_stripe, paid_order
):
    client.force_login(staff)
    stockrecord = StockRecord.objects.get(pk=paid_order.lines.get().stockrecord_id)
    assert stockrecord.num_allocated == 1

    client.post(refund_url(paid_order), {"amount": ""})

    (refund,) = fake_stripe.refunds.values()
    assert refund["amount"] == 125000
    paid_order.refresh_from_db()
    assert paid_order.status == "cancelled"
    stockrecord.refresh_from_db()
    assert stockrecord.num_allocated == 0


def test_a_full_refund_after_shipping_keeps_the_order(client, staff, fake_stripe, paid_order):
    paid_order.status = "shipped"
    paid_order.save()
    client.force_login(staff)

    client.post(refund_url(paid_order))

    paid_order.refresh_from_db()
    assert paid_order.status == "shipped"
    assert len(fake_stripe.refunds) == 1


@pytest.mark.parametrize("amount", ["200000", "-5", "abc"])
def test_a_bad_amount_refunds_nothing(client, staff, fake_stripe, paid_order, amount):
    client.force_login(staff)

    page = post_refund(client, paid_order, {"amount": amount})

    assert not fake_stripe.refunds
    assert "The refund failed" in page or "Enter the amount to refund in whole dong" in page
    assert not PaymentEvent.objects.filter(event_type__name="Refunded").exists()


def test_customers_cannot_refund(client, fake_stripe, paid_order):
    customer = get_user_model().objects.create_user("c", "c@example.vn", "pw")
    client.force_login(customer)

    response = client.post(refund_url(paid_order))

    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not fake_stripe.refunds


def test_staff_without_the_order_permission_cannot_refund(client, fake_stripe, paid_order):
    viewer = get_user_model().objects.create_user("v", "v@example.vn", "pw", is_staff=True)
    client.force_login(viewer)

    response = client.post(refund_url(paid_order))

    assert response.status_code == 403
    assert not fake_stripe.refunds


def test_refund_needs_post(client, staff, paid_order):
    client.force_login(staff)

    assert client.get(refund_url(paid_order)).status_code == 405


def test_the_dashboard_snippet_shows_the_refund_form_to_staff(staff, paid_order):
    request = RequestFactory().get("/dashboard/")
    request.user = staff

    html = render_to_string(
        "payments/dashboard/order_actions.html", {"order": paid_order}, request=request
    )

    assert "card-refund-form" in html
    assert f"/payments/dashboard/orders/{paid_order.number}/refund/" in html
    assert 'max="125000"' in html


def test_the_snippet_is_empty_for_an_order_without_card_payment(staff, make_order):
    request = RequestFactory().get("/dashboard/")
    request.user = staff

    html = render_to_string(
        "payments/dashboard/order_actions.html", {"order": make_order()}, request=request
    )

    assert html.strip() == ""


def test_the_dashboard_order_page_offers_the_refund(client, staff, paid_order):
    client.force_login(staff)

    response = client.get(f"/dashboard/orders/{paid_order.number}/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Hoàn tiền về thẻ" in page
    assert f'action="/payments/dashboard/orders/{paid_order.number}/refund/"' in page


def test_after_a_refund_staff_land_back_on_the_order_page_with_the_message(
    client, staff, fake_stripe, paid_order
):
    client.force_login(staff)

    response = client.post(
        f"/payments/dashboard/orders/{paid_order.number}/refund/", {"amount": "5000"}, follow=True
    )

    assert response.status_code == 200
    assert "Đã hoàn 5.000 ₫ về thẻ" in response.content.decode()
