"""The card payment page, the return page, and the card method hidden without keys."""

import re

import pytest
from django.contrib.auth import get_user_model

from shop.payments import services
from shop.payments.models import CardPayment
from tests.payments.conftest import browser_confirm

pytestmark = pytest.mark.django_db


def test_card_payments_are_enabled_only_with_both_keys(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    settings.STRIPE_PUBLISHABLE_KEY = ""
    assert not services.card_payments_enabled()
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_x"
    assert services.card_payments_enabled()
    settings.STRIPE_SECRET_KEY = ""
    assert not services.card_payments_enabled()


def test_without_keys_the_card_page_is_not_there(client, make_order, settings):
    settings.STRIPE_SECRET_KEY = settings.STRIPE_PUBLISHABLE_KEY = ""
    order = make_order()

    assert client.get(services.card_payment_url(order)).status_code == 404


def test_the_card_page_mounts_the_payment_element_for_the_order(client, fake_stripe, make_order):
    order = make_order()

    response = client.get("/en" + services.card_payment_url(order))

    assert response.status_code == 200
    page = response.content.decode()
    assert f'<script src="{fake_stripe.js_url}"></script>' in page
    (intent,) = fake_stripe.intents.values()
    assert f'data-client-secret="{intent["client_secret"]}"' in page
    assert f'data-publishable-key="{fake_stripe.publishable_key}"' in page
    assert "125.000" in page and f"Order {order.number}" in page
    assert 'data-return-url="http://testserver/en/payments/card/' in page
    assert intent["amount"] == 125000 and intent["capture_method"] == "manual"
    assert "no-store" in response["Cache-Control"]
    # The client secret is not kept in the database.
    assert not CardPayment.objects.filter(intent_id=intent["client_secret"]).exists()
    assert intent["client_secret"] not in str(CardPayment.objects.values().get())


def test_reloading_the_page_reuses_the_intent(client, fake_stripe, make_order):
    order = make_order()
    url = services.card_payment_url(order)

    client.get(url)
    client.get(url)

    assert len(fake_stripe.intents) == 1
    assert CardPayment.objects.count() == 1


def test_a_wrong_token_or_another_customer_gets_404(client, fake_stripe, make_order):
    User = get_user_model()
    owner = User.objects.create_user("owner", "owner@example.vn", "pw")
    other = User.objects.create_user("other", "other@example.vn", "pw")
    order = make_order(user=owner)
    url = services.card_payment_url(order)

    assert client.get(re.sub(r"/[0-9a-f]{32}/", "/" + "0" * 32 + "/", url)).status_code == 404
    assert client.get(url).status_code == 404
    client.force_login(other)
    assert client.get(url).status_code == 404
    client.force_login(owner)
    assert client.get(url).status_code == 200


def test_returning_after_an_authorised_card_captures_and_says_paid(client, fake_stripe, make_order):
    order = make_order()
    intent_id = services.start_card_payment(order)["intent_id"]
    browser_confirm(fake_stripe, intent_id, "4242 4242 4242 4242")

    response = client.get("/en" + services.card_return_url(order), {"payment_intent": intent_id})

    page = response.content.decode()
    assert "Payment received: 125.000" in page and str(order.number) in page
    assert 'href="/en/checkout/thank-you/"' in page
    order.refresh_from_db()
    assert order.status == "paid"
    assert fake_stripe.intents[intent_id]["status"] == "succeeded"


def test_returning_with_3ds_pending_offers_to_continue(client, fake_stripe, make_order):
    order = make_order()
    intent_id = services.start_card_payment(order)["intent_id"]
    browser_confirm(fake_stripe, intent_id, "4000002760003184")

    response = client.get("/en" + services.card_return_url(order), {"payment_intent": intent_id})

    page = response.content.decode()
    assert "still needs you to confirm this payment (3-D Secure)" in page
    assert services.card_payment_url(order).split("/payments")[1] in page
    order.refresh_from_db()
    assert order.status == "pending_payment"


def test_returning_after_a_declined_card_says_the_order_is_cancelled(
    client, fake_stripe, make_order
):
    order = make_order()
    intent_id = services.start_card_payment(order)["intent_id"]
    browser_confirm(fake_stripe, intent_id, "4000000000000002")

    response = client.get("/en" + services.card_return_url(order), {"payment_intent": intent_id})

    page = response.content.decode()
    assert f"order {order.number} has been cancelled. You have not been charged." in page
    assert "Your card was declined." in page


def test_the_return_page_ignores_an_intent_of_another_order(client, fake_stripe, make_order):
    order, other = make_order(), make_order()
    other_intent = services.start_card_payment(other)["intent_id"]

    response = client.get(services.card_return_url(order), {"payment_intent": other_intent})

    assert response.status_code == 404


def test_a_paid_order_shows_paid_instead_of_the_form(client, fake_stripe, make_order):
    order = make_order()
    order.status = "paid"
    order.save()

    response = client.get("/en" + services.card_payment_url(order), follow=True)

    assert "Payment received" in response.content.decode()
    assert not fake_stripe.intents


def test_the_pages_speak_vietnamese_by_default(client, fake_stripe, make_order):
    order = make_order()
    payment_page = client.get(services.card_payment_url(order)).content.decode()
    intent_id = services.latest_payment(order).intent_id
    browser_confirm(fake_stripe, intent_id, "4242424242424242")

    result = client.get(services.card_return_url(order), {"payment_intent": intent_id})

    assert "Thanh toán 125.000\u00a0₫" in payment_page
    assert (
        f"Đã nhận thanh toán 125.000\u00a0₫ cho đơn hàng {order.number}" in result.content.decode()
    )
