"""The fake Stripe refuses what Stripe refuses (checked against the stripe library's schema)
and sends objects with every field the library declares."""

import json
import urllib.error
import urllib.parse
import urllib.request
from decimal import Decimal

import pytest
import stripe

from shop.payments.gateway import PaymentError, StripeGateway
from tests.fakes import stripe_objects
from tests.fakes.stripe_shapes import ShapeError, check_response

pytestmark = pytest.mark.django_db

GOOD_INTENT = {
    "amount": "125000",
    "currency": "vnd",
    "capture_method": "manual",
    "automatic_payment_methods[enabled]": "true",
    "metadata[order_number]": "100042",
    "description": "OCOP order 100042",
}


def call(fake, method, path, params, key=None):
    """A raw request with the secret key: (status, JSON body); never a dropped connection."""
    body = urllib.parse.urlencode(params).encode()
    url = f"{fake.url}{path}"
    if method == "GET":
        url, body = f"{url}?{body.decode()}", None
    request = urllib.request.Request(
        url,
        data=body,
        method=method,
        headers={"Authorization": f"Bearer {key or fake.secret_key}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def intent_with(**changes):
    params = dict(GOOD_INTENT)
    for key, value in changes.items():
        key = key.replace("__", "[").replace("_OPEN_", "[")
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return params


def with_(**extra):
    return {**GOOD_INTENT, **extra}


def without(name):
    return {k: v for k, v in GOOD_INTENT.items() if k != name}


# (path, params, expected code, expected param)
PI = "/v1/payment_intents"
REJECTED = [
    # unknown parameters, at any depth
    (PI, with_(foo="1"), "parameter_unknown", "foo"),
    (PI, with_(amount_total="1"), "parameter_unknown", "amount_total"),
    (
        PI,
        with_(**{"automatic_payment_methods[enable]": "true"}),
        "parameter_unknown",
        "automatic_payment_methods[enable]",
    ),
    (
        PI,
        with_(**{"shipping[adress][line1]": "x", "shipping[name]": "Lan"}),
        "parameter_unknown",
        "shipping[adress]",
    ),
    (PI, with_(payment_method_types="card"), "parameter_unknown", "payment_method_types"),
    (PI, with_(order_number="100042"), "parameter_unknown", "order_number"),
    # missing required parameters
    (PI, without("amount"), "parameter_missing", "amount"),
    (PI, without("currency"), "parameter_missing", "currency"),
    # bad enum values
    (PI, with_(capture_method="later"), "parameter_invalid", "capture_method"),
    (PI, with_(capture_method="MANUAL"), "parameter_invalid", "capture_method"),
    (PI, with_(confirmation_method="auto"), "parameter_invalid", "confirmation_method"),
    (PI, with_(setup_future_usage="always"), "parameter_invalid", "setup_future_usage"),
    (
        PI,
        with_(**{"automatic_payment_methods[allow_redirects]": "sometimes"}),
        "parameter_invalid",
        "automatic_payment_methods[allow_redirects]",
    ),
    # wrong types
    (
        PI,
        with_(**{"automatic_payment_methods[enabled]": "yes"}),
        "parameter_invalid_boolean",
        "automatic_payment_methods[enabled]",
    ),
    (PI, with_(confirm="1"), "parameter_invalid_boolean", "confirm"),
    (PI, with_(automatic_payment_methods="true"), "parameter_invalid", "automatic_payment_methods"),
    (
        PI,
        with_(application_fee_amount="ten"),
        "parameter_invalid_integer",
        "application_fee_amount",
    ),
    # non-integer and out-of-range amounts
    (PI, with_(amount="125000.5"), "parameter_invalid_integer", "amount"),
    (PI, with_(amount="1e5"), "parameter_invalid_integer", "amount"),
    (PI, with_(amount="abc"), "parameter_invalid_integer", "amount"),
    (PI, with_(amount=""), "parameter_invalid_integer", "amount"),
    (PI, with_(amount="0"), "parameter_invalid", "amount"),
    (PI, with_(amount="-13000"), "parameter_invalid", "amount"),
    (PI, with_(amount="1000"), "amount_too_small", "amount"),
    (PI, with_(amount="12999"), "amount_too_small", "amount"),
    (PI, with_(amount="100000000"), "amount_too_large", "amount"),
    (PI, with_(amount="99999999999999999999"), "parameter_invalid_integer", "amount"),
    # metadata limits
    (PI, with_(**{f"metadata[k{i}]": "v" for i in range(51)}), "parameter_invalid", "metadata"),
    (
        PI,
        with_(**{"metadata[" + "k" * 41 + "]": "v"}),
        "parameter_invalid",
        "metadata[" + "k" * 41 + "]",
    ),
    (
        PI,
        with_(**{"metadata[order_number]": "x" * 501}),
        "parameter_invalid",
        "metadata[order_number]",
    ),
    (PI, with_(**{"metadata[a[b]": "v"}), "parameter_invalid", "metadata"),
    # refunds
    (
        "/v1/refunds",
        {"payment_intent": "pi_x", "amount": "1.5"},
        "parameter_invalid_integer",
        "amount",
    ),
    ("/v1/refunds", {"payment_intent": "pi_x", "amount": "0"}, "parameter_invalid", "amount"),
    (
        "/v1/refunds",
        {"payment_intent": "pi_x", "reason": "changed_mind"},
        "parameter_invalid",
        "reason",
    ),
    (
        "/v1/refunds",
        {"payment_intent": "pi_x", "refund_all": "true"},
        "parameter_unknown",
        "refund_all",
    ),
    (
        "/v1/refunds",
        {"payment_intent": "pi_x", "amount": "100000000"},
        "amount_too_large",
        "amount",
    ),
]


@pytest.mark.parametrize(
    "path, params, code, param", REJECTED, ids=[f"{i}-{r[2]}" for i, r in enumerate(REJECTED)]
)
def test_stripe_refuses_it_and_so_does_the_fake(fake_stripe, path, params, code, param):
    status, body = call(fake_stripe, "POST", path, params)

    assert status == 400
    error = body["error"]
    assert set(error) >= {"type", "code", "message", "param"}
    assert (error["type"], error["code"], error["param"]) == ("invalid_request_error", code, param)
    assert error["message"]
    assert fake_stripe.intents == {} and fake_stripe.refunds == {}
    fake_stripe.refused.clear()  # refused on purpose


CALL_REJECTED = [
    ("capture", {"amount_to_capture": "12.5"}, "parameter_invalid_integer", "amount_to_capture"),
    ("capture", {"amount_to_capture": "0"}, "parameter_invalid", "amount_to_capture"),
    ("capture", {"final": "true"}, "parameter_unknown", "final"),
    ("cancel", {"cancellation_reason": "bored"}, "parameter_invalid", "cancellation_reason"),
    ("cancel", {"reason": "abandoned"}, "parameter_unknown", "reason"),
    (
        "confirm",
        {"payment_method": "pm_card_visa", "off_session": "maybe"},
        "parameter_invalid",
        "off_session",
    ),
]


@pytest.mark.parametrize("action, params, code, param", CALL_REJECTED)
def test_intent_actions_are_checked_too(fake_stripe, action, params, code, param):
    intent = StripeGateway().create_intent(order_number="1", amount=Decimal(50000))

    status, body = call(fake_stripe, "POST", f"/v1/payment_intents/{intent.id}/{action}", params)

    assert status == 400
    assert (body["error"]["code"], body["error"]["param"]) == (code, param)
    assert fake_stripe.intents[intent.id]["status"] == "requires_payment_method"
    fake_stripe.refused.clear()


def test_a_list_query_is_checked(fake_stripe):
    status, body = call(fake_stripe, "GET", "/v1/refunds", {"limit": "many"})

    assert status == 400 and body["error"]["code"] == "parameter_invalid_integer"
    fake_stripe.refused.clear()


def test_a_mistake_in_the_shops_calls_fails(fake_stripe):
    gateway = StripeGateway()
    intent = gateway.create_intent(order_number="1", amount=Decimal(50000))

    with pytest.raises(PaymentError, match="cancellation_reason"):
        gateway.cancel(intent.id, reason="buyer left")
    with pytest.raises(PaymentError, match="Amount must be at least"):
        gateway.create_intent(order_number="2", amount=Decimal(5000))
    assert len(fake_stripe.refused) == 2
    fake_stripe.refused.clear()


def test_the_shops_calls_in_a_whole_payment_are_accepted(fake_stripe):
    gateway = StripeGateway()
    intent = gateway.create_intent(order_number="7", amount=Decimal(200000), email="a@b.vn")
    gateway.confirm(intent.id, "pm_card_visa", "https://shop.example/return")
    gateway.capture(intent.id)
    gateway.refund(intent.id, Decimal(5000), idempotency_key="r1")
    (refund,) = gateway.list_refunds(intent.id)
    gateway.retrieve_refund(refund.id)

    assert fake_stripe.refused == []
    assert fake_stripe.shape_errors == []
    for event in fake_stripe.events:
        check_response(event)  # events: the library's Event with full objects


def test_charge_events_carry_the_full_charge(fake_stripe):
    gateway = StripeGateway()
    intent = gateway.create_intent(order_number="8", amount=Decimal(60000))
    gateway.confirm(intent.id, "pm_card_visa")
    gateway.capture(intent.id)
    gateway.refund(intent.id, Decimal(10000), idempotency_key="r")

    charge = fake_stripe.events_of("charge.refunded")[-1]["data"]["object"]
    for name in (
        "balance_transaction",
        "billing_details",
        "payment_method_details",
        "outcome",
        "amount_refunded",
        "captured",
        "currency",
        "livemode",
        "refunds",
    ):
        assert charge[name] is not None, name
    assert charge["refunds"]["data"][0]["amount"] == 10000
    assert charge["amount_refunded"] == 10000
    assert stripe.Charge.construct_from(charge, "sk").refunds.data[0].amount == 10000


@pytest.mark.parametrize("missing", ["billing_details", "amount_refunded", "captured", "id"])
def test_the_shape_check_catches_a_charge_missing_a_declared_field(fake_stripe, missing):
    intent = stripe_objects.payment_intent(
        amount=60000,
        currency="vnd",
        capture_method="manual",
        metadata={},
        description=None,
        receipt_email=None,
    )
    intent["latest_charge"] = "ch_1"
    charge = stripe_objects.charge(intent, 60000)
    check_response(charge)
    del charge[missing]

    with pytest.raises(ShapeError, match=missing):
        check_response(charge)


def test_the_shape_check_catches_a_wrong_type_and_enum(fake_stripe):
    refund = stripe_objects.refund(
        {"id": "pi_1", "latest_charge": "ch_1", "currency": "vnd"},
        1000,
        status="succeeded",
        metadata={},
        reason=None,
    )
    check_response(refund)

    with pytest.raises(ShapeError):
        check_response({**refund, "amount": "1000"})
    with pytest.raises(ShapeError):
        check_response({**refund, "reason": "changed_mind"})
