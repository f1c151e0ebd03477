"""Every link in an email starts with the shop's public address (SITE_URL), never with the
Site row's placeholder (example.com); check --deploy warns about a local or http SITE_URL."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site
from django.core import mail
from django.core.checks import run_checks
from django.test import Client
from django.urls import reverse

from shop.customer.site import sync_site
from tests.notifications.helpers import place_two_producer_order, two_producer_world
from tests.workspace.helpers import make_producer

pytestmark = pytest.mark.django_db
VOCABULARIES = ("http://www.w3.org/", "http://schema.org/")  # doctype and markup, not links
LINK = re.compile(r"https?://[^\s\"'<>]+")


def links(message):
    text = message.body + "".join(body for body, _type in getattr(message, "alternatives", []))
    return [link for link in LINK.findall(text) if not link.startswith(VOCABULARIES)]


def assert_public(message):
    found = links(message)
    assert found, message.body
    for link in found:
        assert link == settings.SITE_URL or link.startswith(settings.SITE_URL + "/"), link
    assert "example.com" not in message.body


def test_the_site_row_follows_site_url():
    site = Site.objects.get(pk=settings.SITE_ID)
    assert settings.SITE_URL == "http://" + site.domain or settings.SITE_URL.endswith(site.domain)
    assert site.name == settings.OSCAR_SHOP_NAME[:50]
    Site.objects.filter(pk=site.pk).update(domain="example.com", name="example.com")
    sync_site()
    assert Site.objects.get_current().domain == settings.SITE_URL.split("://")[1]


def test_password_reset_email():
    get_user_model().objects.create_user("khach", "khach@ocop.vn", "x")
    Client().post(reverse("password-reset"), {"email": "khach@ocop.vn"})
    [message] = mail.outbox
    assert_public(message)
    assert "/password-reset/confirm/" in message.body


def test_team_invitation_email(client, django_capture_on_commit_callbacks):
    producer = make_producer("HTX Tỏi Lý Sơn", "tois")
    client.force_login(producer.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("dashboard:workspace-team"), {"email": "nhanvien@ocop.local"})
    assert_public(mail.outbox[-1])


def test_order_emails(settings, django_capture_on_commit_callbacks):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    with django_capture_on_commit_callbacks(execute=True):
        place_two_producer_order(two_producer_world(), guest_email="buyer@ocop.vn", language="vi")
    to_buyer = [m for m in mail.outbox if m.to == ["buyer@ocop.vn"]]
    assert to_buyer
    for message in to_buyer:
        assert_public(message)


@pytest.mark.parametrize(
    "url, warned",
    [
        ("http://127.0.0.1:8000", True),
        ("https://example.com", True),
        ("http://cho-ocop.vn", True),
        ("https://cho-ocop.vn", False),
    ],
)
def test_deploy_check(settings, url, warned):
    settings.DEBUG = False
    settings.SITE_URL = url
    ids = [m.id for m in run_checks(include_deployment_checks=True)]
    assert ("shop.site_url.W001" in ids) == warned
