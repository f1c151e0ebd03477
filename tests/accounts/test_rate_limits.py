"""What sends mail or costs money is rate-limited per address and per targeted account, with
the shop's 429 page; the API is throttled; Redis being down never turns a limit into a 500."""

import socket
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.wholesale import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def tight(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, **dict.fromkeys(settings.RATE_LIMITS, "3/h")}


def reset(client, email):
    return client.post(reverse("password-reset"), {"email": email})


def test_password_reset_per_address(tight):
    get_user_model().objects.create_user("khach", "khach@ocop.vn", "x")
    client = Client()
    for n in range(3):
        assert reset(client, f"khach{n}@ocop.vn").status_code == 302
    refused = reset(client, "khach@ocop.vn")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
    assert "Quá nhiều yêu cầu" in refused.content.decode()
    assert not mail.outbox


def test_password_reset_per_email_whatever_the_address(tight):
    get_user_model().objects.create_user("khach", "khach@ocop.vn", "x")
    for n in range(3):
        assert reset(Client(REMOTE_ADDR=f"203.0.113.{n}"), "khach@ocop.vn").status_code == 302
    assert len(mail.outbox) == 3
    refused = reset(Client(REMOTE_ADDR="198.51.100.1"), "KHACH@ocop.vn ")
    assert refused.status_code == 429
    assert len(mail.outbox) == 3


def test_registration_is_limited(tight):
    client = Client()
    for n in range(3):
        data = {
            "email": f"moi{n}@ocop.vn",
            "password1": "Mk-dai-2026!",
            "password2": "Mk-dai-2026!",
        }
        assert client.post(reverse("customer:register"), data).status_code == 200
    data = {"email": "moi9@ocop.vn", "password1": "Mk-dai-2026!", "password2": "Mk-dai-2026!"}
    assert client.post(reverse("customer:register"), data).status_code == 429
    assert not get_user_model().objects.filter(email="moi9@ocop.vn").exists()


def test_quote_requests_are_limited(tight, client):
    from tests.checkout.helpers import ensure_vietnam

    ensure_vietnam()
    account = helpers.user()
    helpers.business(buyer=account, credit_limit=Decimal("200000000"))
    helpers.wholesale_product(num_in_stock=5000)
    client.force_login(account)
    data = {"sku": "MN-THIPHO", "quantity": "1200", "message": "Giao 4 đợt"}
    for _ in range(3):
        assert client.post(reverse("wholesale:quote-request"), data).status_code == 302
    assert client.post(reverse("wholesale:quote-request"), data).status_code == 429


def test_business_registration_is_limited(tight, client):
    client.force_login(helpers.user("moi@sieuthi.vn"))
    for _ in range(3):
        client.post(reverse("wholesale:register"), {"name": ""})
    assert client.post(reverse("wholesale:register"), {"name": ""}).status_code == 429


def test_api_is_throttled(tight):
    account = helpers.user()
    helpers.business(buyer=account)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=account).key}")
    for _ in range(3):
        assert api.get("/api/products/").status_code == 200
    assert api.get("/api/products/").status_code == 429


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_redis_down_still_limits_without_errors(tight, settings):
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {
            "BACKEND": "shop.core.ratelimit.RedisWithLocalFallback",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        },
    }
    client = Client(REMOTE_ADDR="192.0.2.77")
    for n in range(3):
        assert reset(client, f"ai{n}@ocop.vn").status_code == 302
    assert reset(client, "ai@ocop.vn").status_code == 429
    assert APIClient(REMOTE_ADDR="192.0.2.78").get("/api/products/").status_code == 401
