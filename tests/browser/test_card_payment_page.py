"""Card payment page in Chromium against the fake Stripe API and its Stripe.js stand-in.

The fake posts the webhooks a real Stripe would to the live server, signed with the secret.
"""

import pytest
from playwright.sync_api import expect

from shop.payments import services
from tests.payments import conftest as payment_fixtures

# The fake posts webhooks while the browser's own requests run: each live-server thread needs
# its own database connection, which the in-memory SQLite test database shares between threads.
pytestmark = pytest.mark.postgres

fake_stripe = payment_fixtures.fake_stripe
make_order = payment_fixtures.make_order


def pay(page, order, card):
    page.goto(services.card_payment_url(order))
    page.fill("#fake-card-number", card)
    page.click("#card-payment-submit")


def webhook_statuses(fake):
    assert fake.wait_for_deliveries(timeout=15)
    return {status for _type, status in fake.delivered}


def test_a_card_payment_is_authorised_captured_and_the_order_paid(
    stripe_page,
    fake_stripe,
    make_order,
):
    order = make_order()

    pay(stripe_page, order, "4242 4242 4242 4242")

    expect(stripe_page.locator(".card-payment-result")).to_contain_text(
        f"Đã nhận thanh toán 125.000\u00a0₫ cho đơn hàng {order.number}"
    )
    order.refresh_from_db()
    assert order.status == "paid"
    (intent,) = fake_stripe.intents.values()
    assert (intent["status"], intent["amount_received"]) == ("succeeded", 125000)
    assert webhook_statuses(fake_stripe) == {200}
    assert stripe_page.external_requests == []


def test_a_3d_secure_card_is_authenticated_then_paid(stripe_page, fake_stripe, make_order):
    order = make_order()

    pay(stripe_page, order, "4000 0027 6000 3184")
    stripe_page.wait_for_url(f"{fake_stripe.url}/3ds/**")
    expect(stripe_page.locator("h1")).to_have_text("3D Secure 2 test page")
    stripe_page.click("#approve")

    expect(stripe_page.locator(".card-payment-result")).to_contain_text("Đã nhận thanh toán")
    order.refresh_from_db()
    assert order.status == "paid"
    assert webhook_statuses(fake_stripe) == {200}


def test_a_declined_card_cancels_the_order_and_says_so(stripe_page, fake_stripe, make_order):
    order = make_order()

    pay(stripe_page, order, "4000 0000 0000 0002")

    expect(stripe_page.locator(".card-payment-result")).to_contain_text(
        f"đơn hàng {order.number} đã bị hủy"
    )
    order.refresh_from_db()
    assert order.status == "cancelled"
    assert webhook_statuses(fake_stripe) == {200}
