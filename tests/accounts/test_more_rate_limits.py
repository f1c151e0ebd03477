"""Back-in-stock alerts (they email any typed address), producer applications, team
invitations and order placement are rate-limited too, with the shop's 429 page."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.checkout.helpers import stocked_product

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def tight(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, **dict.fromkeys(settings.RATE_LIMITS, "3/h")}


def test_anonymous_back_in_stock_alerts_are_limited_per_address(tight):
    product = stocked_product(num_in_stock=0)
    client = Client()
    url = reverse("customer:alert-create", args=[product.pk])
    for n in range(3):
        assert client.post(url, {"email": f"a{n}@ocop.vn"}).status_code == 302
    sent = len(mail.outbox)
    refused = client.post(url, {"email": "victim@ocop.vn"})
    assert refused.status_code == 429
    assert len(mail.outbox) == sent
    assert not [m for m in mail.outbox if "victim@ocop.vn" in m.to]


def test_alerts_to_one_email_are_limited_whatever_the_address(tight):
    product = stocked_product(num_in_stock=0)
    url = reverse("customer:alert-create", args=[product.pk])
    for n in range(3):
        Client(REMOTE_ADDR=f"203.0.113.{n}").post(url, {"email": "victim@ocop.vn"})
    refused = Client(REMOTE_ADDR="198.51.100.7").post(url, {"email": "Victim@ocop.vn"})
    assert refused.status_code == 429


def test_producer_applications_are_limited(tight):
    client = Client()
    client.force_login(User.objects.create_user("ung-vien", "ungvien@ocop.vn", "x"))
    for _ in range(3):
        assert client.post(reverse("workspace:apply"), {}).status_code == 200
    assert client.post(reverse("workspace:apply"), {}).status_code == 429


def test_order_placement_is_limited_per_address(tight):
    client = Client()
    for _ in range(3):
        assert (
            client.post(reverse("checkout:preview"), {"action": "place_order"}).status_code != 429
        )
    assert client.post(reverse("checkout:preview"), {"action": "place_order"}).status_code == 429
