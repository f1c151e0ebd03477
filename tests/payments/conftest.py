from decimal import Decimal

import pytest
from oscar.core.loading import get_class, get_model
from oscar.test import factories

from tests.fakes.stripe_api import start_fake_stripe

Default = get_class("partner.strategy", "Default")


@pytest.fixture
def fake_stripe(settings):
    """A fake Stripe API on 127.0.0.1 and the settings that point the shop at it."""
    fake = start_fake_stripe()
    settings.STRIPE_SECRET_KEY = fake.secret_key
    settings.STRIPE_PUBLISHABLE_KEY = fake.publishable_key
    settings.STRIPE_WEBHOOK_SECRET = fake.webhook_secret
    settings.STRIPE_API_BASE = fake.url
    settings.STRIPE_JS_URL = fake.js_url
    yield fake
    fake.stop()
    # Every call the shop made is one Stripe accepts, and every object the fake sent has
    # the shape the library declares (tests that send bad requests on purpose clear these).
    assert fake.refused == [], f"Stripe would refuse the shop's calls: {fake.refused}"
    assert fake.shape_errors == []


@pytest.fixture
def make_order(db):
    """A card order placed by the checkout: stock allocated, waiting for payment."""

    def make(price=Decimal("125000"), quantity=1, user=None, num_in_stock=5):
        Basket = get_model("basket", "Basket")
        product = factories.create_product(price=price, num_in_stock=num_in_stock)
        basket = Basket.objects.create(owner=user)
        basket.strategy = Default()
        basket.add_product(product, quantity=quantity)
        order = factories.create_order(basket=basket, user=user)
        order.status = "pending_payment"
        order.save()
        return order

    return make


def deliver(client, fake, event, **kwargs):
    """POST a genuinely signed event to the webhook, as Stripe would."""
    payload, header = fake.signed(event, **kwargs)
    return client.post(
        "/payments/stripe/webhook/",
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )


def browser_confirm(fake, intent_id, card):
    """Confirm as Stripe.js does: publishable key + client secret, card number in the form."""
    import json
    import urllib.error
    import urllib.parse
    import urllib.request

    intent = fake.intents[intent_id]
    body = urllib.parse.urlencode(
        {
            "client_secret": intent["client_secret"],
            "return_url": "http://testserver/return/",
            "payment_method_data[type]": "card",
            "payment_method_data[card][number]": card,
        }
    ).encode()
    request = urllib.request.Request(
        f"{fake.url}/v1/payment_intents/{intent_id}/confirm",
        data=body,
        headers={"Authorization": f"Bearer {fake.publishable_key}"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())
