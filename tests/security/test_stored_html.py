"""Producer-written product titles reach staff, producers and customers in notifications and
emails; whatever they hold, the account pages and the emails show them as text."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from shop.notifications import services
from tests import factories

from .payloads import PAYLOADS, assert_inert, batches

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]

Notification = get_model("communication", "Notification")
Email = get_model("communication", "Email")
StockAlert = get_model("partner", "StockAlert")
ProductAlert = get_model("customer", "ProductAlert")
AlertsDispatcher = get_class("customer.alerts.utils", "AlertsDispatcher")


@pytest.fixture
def eager_celery(settings):
    from marketplace.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = True
    return app


def _user(email, **extra):
    return get_user_model().objects.create_user(
        username=email.split("@")[0], email=email, password="x-secret-123", **extra
    )


def _payload_products(producer, limit=255):
    """One product per batch of payloads, in stock with ``producer``."""
    products = []
    for title in batches(limit):
        product = factories.ProductFactory(title=title)
        factories.StockRecordFactory(
            product=product, partner=producer.partner, num_in_stock=3, low_stock_threshold=5
        )
        products.append(product)
    return products


def _account_pages(client, user):
    """The notifications inbox and every notification and email of ``user``, as HTML."""
    client.force_login(user)
    pages = {"inbox": client.get(reverse("customer:notifications-inbox"))}
    for notification in Notification.objects.filter(recipient=user):
        url = reverse("customer:notifications-detail", kwargs={"pk": notification.pk})
        pages[url] = client.get(url)
    pages["emails"] = client.get(reverse("customer:email-list"))
    for email in Email.objects.filter(user=user):
        url = reverse("customer:email-detail", kwargs={"email_id": email.pk})
        pages[url] = client.get(url)
    for where, response in pages.items():
        assert response.status_code == 200, where
        pages[where] = response.content.decode()
    return pages


def test_certificate_and_low_stock_notifications_show_product_titles_as_text(client, settings):
    settings.OCOP_STAFF_EMAILS = []
    staff = _user("staff@example.vn", is_staff=True)
    producer = factories.ProducerFactory(email="")
    seller = _user("seller@example.vn")
    producer.partner.users.add(seller)
    products = _payload_products(producer)
    today = timezone.localdate()
    for product in products:
        factories.CertificateFactory(product=product, expires_on=today + datetime.timedelta(days=9))
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert services.certificate_reminders() == len(products)
        for product in products:
            stockrecord = product.stockrecords.get()
            services.low_stock(StockAlert.objects.create(stockrecord=stockrecord, threshold=5))

    # The subjects stay plain text in the emails…
    subjects = [m.subject for m in mail.outbox]
    assert any(products[0].title in s for s in subjects)
    staff_pages = _account_pages(client, staff)
    seller_pages = _account_pages(client, seller)
    assert Notification.objects.filter(recipient=staff).count() == len(products)
    assert Notification.objects.filter(recipient=seller).count() == 2 * len(products)
    for where, html in {**staff_pages, **seller_pages}.items():
        assert_inert(html, where)
    # …and read as text on the pages.
    inbox = staff_pages["inbox"]
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in inbox
    assert "&lt;svg onload=window.__xss=3&gt;" in inbox


def test_stored_notifications_and_emails_are_sanitised_when_shown(client):
    """Rows stored as raw HTML (older rows, another sender) run nothing either."""
    user = _user("buyer@example.vn")
    for payload in PAYLOADS:
        Notification.objects.create(recipient=user, subject=payload, body=payload)
        Notification.objects.create(recipient=user, subject=payload)
    Email.objects.create(
        user=user,
        email=user.email,
        subject=" ".join(PAYLOADS),
        body_text=" ".join(PAYLOADS),
        body_html="<html><body><table><tr><td>" + " ".join(PAYLOADS) + "</td></tr></table>",
    )
    pages = _account_pages(client, user)
    for where, html in pages.items():
        assert_inert(html, where)
    email_page = next(html for where, html in pages.items() if "/emails/" in where)
    assert 'sandbox=""' in email_page
    assert "&lt;/title&gt;&lt;script&gt;window.__xss=7&lt;/script&gt;" in pages["emails"]


def test_back_in_stock_alert_shows_the_title_as_text(client):
    user = _user("fan@example.vn")
    producer = factories.ProducerFactory()
    # Titles of 255 characters, escaped into a 255-character notification subject.
    products = _payload_products(producer)
    for product in products:
        product.stockrecords.update(num_in_stock=10)
        ProductAlert.objects.create(user=user, product=product, status=ProductAlert.ACTIVE)
    AlertsDispatcher().send_alerts()

    assert len(mail.outbox) == len(products)
    for message in mail.outbox:
        html = message.alternatives[0][0] if message.alternatives else ""
        assert_inert(html, message.subject)
    assert Email.objects.filter(user=user).count() == len(products)
    pages = _account_pages(client, user)
    client.force_login(user)
    pages["alerts"] = client.get(reverse("customer:alerts-list")).content.decode()
    for where, html in pages.items():
        assert_inert(html, where)
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in pages["inbox"]


def test_staff_written_pages_and_descriptions_are_sanitised(client):
    from django.contrib.flatpages.models import FlatPage
    from django.contrib.sites.models import Site

    Category = get_model("catalogue", "Category")
    text = " ".join(PAYLOADS)
    page = FlatPage.objects.create(url="/gioi-thieu/", title="Giới thiệu", content=text)
    page.sites.add(Site.objects.get_current())
    category = Category.add_root(name="Đặc sản", description=text)
    for url in ("/gioi-thieu/", category.get_absolute_url()):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert_inert(html, url)
        assert "&lt;script&gt;window.__xss=10" in html  # text that only looks like a tag stays


def test_staff_email_preview_runs_nothing(client):
    staff = _user("office@example.vn", is_staff=True)
    staff.is_superuser = True
    staff.save()
    CommunicationEventType = get_model("communication", "CommunicationEventType")
    event_type, _ = CommunicationEventType.objects.get_or_create(
        code="XSS_PREVIEW", defaults={"name": "Preview", "category": "User related"}
    )
    client.force_login(staff)
    html_template = "<table><tr><td>" + " ".join(PAYLOADS) + "</td></tr></table>"
    response = client.post(
        reverse("dashboard:comms-update", kwargs={"slug": event_type.code}),
        {
            "name": "Preview",
            "email_subject_template": "Xem trước",
            "email_body_template": "Nội dung",
            "email_body_html_template": html_template,
            "show_preview": "1",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'sandbox=""' in html
    assert_inert(html, "comms preview")
