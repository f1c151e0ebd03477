"""The checkout's first step answers a known and an unknown email alike."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.checkout.helpers import stocked_product

pytestmark = pytest.mark.django_db
User = get_user_model()


def gateway(email, option):
    client = Client()
    product = stocked_product()
    client.post(reverse("basket:add", args=[product.pk]), {"quantity": 1})
    return client.post(
        reverse("checkout:index"),
        {"username": email, "options": option, "password": ""},
    )


@pytest.mark.parametrize("option", ["anonymous", "new"])
def test_a_known_email_goes_on_like_an_unknown_one(option):
    User.objects.create_user("cu", "cu@ocop.vn", "Mat-khau-cu-2026")
    known = gateway("Cu@ocop.vn", option)
    unknown = gateway("moi@ocop.vn", option)
    assert known.status_code == unknown.status_code == 302
    assert known["Location"].split("?")[0] == unknown["Location"].split("?")[0]
    assert "already exists" not in known.content.decode()
