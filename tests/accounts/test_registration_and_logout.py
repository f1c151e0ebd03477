"""Registration does not tell whether an email has an account; sign-out is POST only."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db
User = get_user_model()


def register(client, email, page="register"):
    if page == "register":
        data = {"email": email, "password1": "Mat-khau-moi-2026", "password2": "Mat-khau-moi-2026"}
    else:
        data = {
            "registration-email": email,
            "registration-password1": "Mat-khau-moi-2026",
            "registration-password2": "Mat-khau-moi-2026",
            "registration_submit": "1",
        }
    url = reverse("customer:register" if page == "register" else "customer:login")
    return client.post(url, data)


def normalised(response, email):
    html = response.content.decode().replace(email, "EMAIL")
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'nonce="[^"]+"', "", html)


@pytest.mark.parametrize("page", ["register", "login"])
def test_known_and_unknown_emails_get_the_same_answer(page):
    owner = User.objects.create_user("cu", "cu@ocop.vn", "Mat-khau-cu-2026")
    known = register(Client(), "Cu@ocop.vn", page)
    unknown = register(Client(), "moi@ocop.vn", page)
    assert known.status_code == unknown.status_code == 200
    assert "already exists" not in known.content.decode()
    assert normalised(known, "Cu@ocop.vn") == normalised(unknown, "moi@ocop.vn")

    owner.refresh_from_db()
    assert owner.check_password("Mat-khau-cu-2026")
    assert User.objects.filter(email__iexact="cu@ocop.vn").count() == 1
    assert User.objects.filter(email="moi@ocop.vn").exists()

    to_owner = [m for m in mail.outbox if m.to == ["cu@ocop.vn"]]
    assert len(to_owner) == 1
    body = to_owner[0].body
    assert settings.SITE_URL + "/password-reset/confirm/" in body
    assert [m for m in mail.outbox if m.to == ["moi@ocop.vn"]]


def test_registering_does_not_sign_in():
    client = Client()
    register(client, "moi@ocop.vn")
    assert "_auth_user_id" not in client.session


def test_get_does_not_sign_out_and_post_does():
    user = User.objects.create_user("khach", "khach@ocop.vn", "x")
    client = Client()
    client.force_login(user)
    page = client.get(reverse("customer:logout"))
    assert page.status_code == 200
    assert "_auth_user_id" in client.session
    assert 'method="post"' in page.content.decode()

    assert client.post(reverse("customer:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_post_without_csrf_token_does_not_sign_out():
    user = User.objects.create_user("khach", "khach@ocop.vn", "x")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(reverse("customer:logout")).status_code == 403
    assert "_auth_user_id" in client.session


@pytest.mark.parametrize("url", ["/", "/accounts/profile/", "/dashboard/"])
def test_every_sign_out_is_a_post_form(url):
    user = User.objects.create_superuser("quanly", "quanly@ocop.vn", "x")
    client = Client()
    client.force_login(user)
    html = client.get(url).content.decode()
    logout_urls = [reverse("customer:logout"), reverse("dashboard:logout")]
    assert any(f'action="{u}"' in html for u in logout_urls)
    for u in logout_urls:
        assert f'href="{u}"' not in html
