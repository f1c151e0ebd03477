"""The gateway drives the real ``stripe`` library against the local fake of Stripe's API."""

from decimal import Decimal

import pytest
import stripe

from shop.payments.gateway import PaymentError, StripeGateway, UnableToTakePayment

pytestmark = pytest.mark.django_db


def form_params(fake, method, path):
    return [params for m, p, params, headers in fake.requests if m == method and p == path]


def test_create_intent_sends_whole_dong_vnd_manual_capture_and_order_number(fake_stripe):
    intent = StripeGateway().create_intent(order_number="100042", amount=Decimal("125000.00"))

    assert isinstance(intent, stripe.PaymentIntent)
    assert intent.id.startswith("pi_")
    assert intent.amount == 125000
    assert intent.currency == "vnd"
    assert intent.capture_method == "manual"
    assert intent.status == "requires_payment_method"
    assert intent.metadata["order_number"] == "100042"
    sent = form_params(fake_stripe, "POST", "/v1/payment_intents")[0]
    assert sent["amount"] == "125000"
    assert sent["metadata"] == {"order_number": "100042"}
    assert sent["automatic_payment_methods"] == {"enabled": "true"}


def test_the_idempotency_key_returns_the_same_intent_for_the_same_attempt(fake_stripe):
    gateway = StripeGateway()
    first = gateway.create_intent(order_number="100042", amount=Decimal(90000))
    again = gateway.create_intent(order_number="100042", amount=Decimal(90000))
    retry = gateway.create_intent(order_number="100042", amount=Decimal(90000), attempt=2)

    assert again.id == first.id
    assert retry.id != first.id
    assert len(fake_stripe.intents) == 2
    keys = [
        h.get("Idempotency-Key") for m, p, _, h in fake_stripe.requests if p.endswith("intents")
    ]
    assert keys[0] == keys[1] == "ocop-order-100042-intent-1"


def test_a_fraction_of_a_dong_is_refused_before_calling_stripe(fake_stripe):
    with pytest.raises(PaymentError):
        StripeGateway().create_intent(order_number="1", amount=Decimal("1000.50"))

    assert fake_stripe.intents == {}


def test_authorise_capture_and_refund_in_parts(fake_stripe):
    gateway = StripeGateway()
    intent = gateway.create_intent(order_number="7", amount=Decimal(200000))
    confirmed = gateway.confirm(intent.id, "pm_card_visa")
    assert confirmed.status == "requires_capture"
    assert confirmed.amount_capturable == 200000

    captured = gateway.capture(intent.id)
    assert captured.status == "succeeded"
    assert captured.amount_received == 200000

    part = gateway.refund(intent.id, Decimal(50000), idempotency_key="r1")
    rest = gateway.refund(intent.id, idempotency_key="r2")
    assert (part.amount, rest.amount) == (50000, 150000)
    with pytest.raises(PaymentError):
        gateway.refund(intent.id, Decimal(1), idempotency_key="r3")


def test_three_d_secure_card_waits_for_authentication(fake_stripe):
    gateway = StripeGateway()
    intent = gateway.create_intent(order_number="8", amount=Decimal(50000))

    confirmed = gateway.confirm(intent.id, "pm_card_authenticationRequired", "https://shop/return")

    assert confirmed.status == "requires_action"
    assert confirmed.next_action.redirect_to_url.url.startswith(f"{fake_stripe.url}/3ds/")


def test_a_declined_card_raises_unable_to_take_payment(fake_stripe):
    gateway = StripeGateway()
    intent = gateway.create_intent(order_number="9", amount=Decimal(50000))

    with pytest.raises(UnableToTakePayment, match="declined"):
        gateway.confirm(intent.id, "pm_card_chargeDeclined")


def test_stripe_errors_become_payment_errors(fake_stripe):
    gateway = StripeGateway()
    intent = gateway.create_intent(order_number="10", amount=Decimal(50000))

    with pytest.raises(PaymentError, match="status of requires_payment_method"):
        gateway.capture(intent.id)
    with pytest.raises(PaymentError, match="No such payment_intent"):
        gateway.retrieve("pi_missing")
    gateway.cancel(intent.id)
    with pytest.raises(PaymentError):
        gateway.cancel(intent.id + "x")


def test_a_wrong_secret_key_is_an_authentication_error(fake_stripe, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_wrong"

    with pytest.raises(PaymentError, match="Invalid API Key"):
        StripeGateway().create_intent(order_number="11", amount=Decimal(1000))


def test_no_secret_key_no_gateway(settings):
    settings.STRIPE_SECRET_KEY = ""

    with pytest.raises(PaymentError):
        StripeGateway()
