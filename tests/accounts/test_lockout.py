"""Sign-in is locked per account and per address after repeated wrong passwords, wherever a
password is checked: the account sign-in page, the checkout's sign-in, the Django admin."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.checkout.helpers import stocked_product

pytestmark = pytest.mark.django_db
EMAIL = "khach@ocop.vn"
PASSWORD = "dung-mat-khau-42"


@pytest.fixture
def customer():
    return get_user_model().objects.create_user(
        username="khach", email=EMAIL, password=PASSWORD, is_staff=True, is_superuser=True
    )


def signed_in(client):
    return "_auth_user_id" in client.session


def account_login(client, email, password):
    return client.post(
        reverse("customer:login"),
        {"login-username": email, "login-password": password, "login_submit": "1"},
    )


def checkout_login(client, email, password):
    client.post(reverse("basket:add", kwargs={"pk": stocked_product().pk}), {"quantity": 1})
    return client.post(
        reverse("checkout:index"), {"username": email, "password": password, "options": "existing"}
    )


def admin_login(client, email, password):
    return client.post("/admin/login/", {"username": email, "password": password})


@pytest.mark.parametrize("login", [account_login, checkout_login, admin_login])
def test_thirty_wrong_passwords_then_the_right_one_does_not_sign_in(customer, login):
    client = Client()
    for _ in range(30):
        login(client, EMAIL, "sai-mat-khau")
    assert not signed_in(client)
    response = login(client, EMAIL, PASSWORD)
    assert not signed_in(client)
    assert response.status_code == 429
    page = response.content.decode()
    assert "tạm khoá" in page  # Vietnamese: sign-in temporarily locked
    assert AccessAttempt.objects.filter(username=EMAIL.casefold()).exists()


def test_the_right_password_still_works_before_the_limit(customer):
    client = Client()
    for _ in range(3):
        account_login(client, EMAIL, "sai-mat-khau")
    account_login(client, EMAIL, PASSWORD)
    assert signed_in(client)


def test_locked_account_stays_locked_from_another_address_and_in_other_case(customer):
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(12):
        account_login(attacker, EMAIL.upper(), "sai-mat-khau")
    owner = Client(REMOTE_ADDR="198.51.100.20")
    response = account_login(owner, EMAIL, PASSWORD)
    assert response.status_code == 429
    assert not signed_in(owner)


def test_an_address_trying_many_accounts_is_locked(customer):
    client = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(12):
        account_login(client, f"khach{n}@ocop.vn", "sai-mat-khau")
    response = account_login(client, EMAIL, PASSWORD)
    assert response.status_code == 429
    assert not signed_in(client)


def test_english_message_and_staff_unlock(customer, settings):
    client = Client()
    for _ in range(12):
        account_login(client, EMAIL, "sai-mat-khau")
    english = client.post(
        "/en/accounts/login/",
        {"login-username": EMAIL, "login-password": PASSWORD, "login_submit": "1"},
    )
    assert "Sign-in temporarily locked" in english.content.decode()

    # Staff unlock: deleting the attempts in the admin's "Access attempts" list.
    staff = Client(REMOTE_ADDR="192.0.2.1")
    staff.force_login(
        get_user_model().objects.create_superuser("quanly", "quanly@ocop.vn", "x-9-y-8-z-7")
    )
    listing = staff.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200 and EMAIL in listing.content.decode()
    dashboard = staff.get(reverse("dashboard:index")).content.decode()
    assert reverse("admin:axes_accessattempt_changelist") in dashboard
    AccessAttempt.objects.all().delete()
    account_login(client, EMAIL, PASSWORD)
    assert signed_in(client)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_failures_are_committed_with_atomic_requests(customer, settings):
    assert settings.DATABASES["default"]["ATOMIC_REQUESTS"]
    client = Client()
    account_login(client, EMAIL, "sai-mat-khau")
    account_login(client, EMAIL, "sai-mat-khau")
    assert AccessAttempt.objects.get(username=EMAIL).failures_since_start == 2
