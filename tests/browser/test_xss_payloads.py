"""Chromium opens every page, email and notification showing text that producers, customers,
applicants and businesses wrote, all of it XSS payloads: nothing runs and the text reads as
text."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from shop.notifications import services
from tests import factories
from tests.checkout.helpers import basket_with, ensure_vietnam, place
from tests.security.payloads import PAYLOADS, SHORT, batch, batches
from tests.workspace.helpers import category, make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

StockAlert = get_model("partner", "StockAlert")
ProductAlert = get_model("customer", "ProductAlert")
Notification = get_model("communication", "Notification")
Email = get_model("communication", "Email")
AlertsDispatcher = get_class("customer.alerts.utils", "AlertsDispatcher")

INSPECT = """() => {
    const handlers = [];
    for (const el of document.querySelectorAll('*')) {
        for (const attr of el.attributes) {
            if (attr.name.startsWith('on') && attr.value.includes('__xss')) {
                handlers.push(el.outerHTML.slice(0, 120));
            }
        }
    }
    return {ran: window.__xss === undefined ? null : String(window.__xss), handlers};
}"""


def _world():
    """Every field a producer, customer, applicant or business writes, filled with payloads."""
    ensure_vietnam()
    staff = get_user_model().objects.create_user(
        username="staff", email="staff@ocop.local", password="x-secret-123", is_staff=True
    )
    staff.is_superuser = True
    staff.save()
    customer = make_user("khach")
    seller = make_user("nguoiban", codenames=["dashboard_access"])
    producer = factories.ProducerFactory(partner__name=batches(128)[0], story=batch())
    producer.partner.users.add(seller)
    products = []
    for title in batches(255):
        product = factories.ProductFactory(title=title, description=batch())
        get_model("catalogue", "ProductCategory").objects.create(
            product=product, category=category()
        )
        factories.StockRecordFactory(
            product=product, partner=producer.partner, num_in_stock=3, low_stock_threshold=5
        )
        factories.CertificateFactory(
            product=product,
            issuer=batches(200)[0],
            decision_number=SHORT[0],
            expires_on=timezone.localdate() + datetime.timedelta(days=9),
        )
        products.append(product)
    get_model("reviews", "ProductReview").objects.create(
        product=products[0], user=customer, score=5, title=batches(255)[1], body=batch(), status=1
    )
    address = get_model("order", "ShippingAddress").objects.create(
        first_name=batches(255)[0],
        last_name=batches(255)[1],
        line1=batches(255)[2],
        line2=batches(255)[3],
        line4=SHORT[1],
        notes=batch(),
        country=get_model("address", "Country").objects.get(iso_3166_1_a2="VN"),
        phone_number="+84905123456",
    )
    order = place(basket_with(products[0], owner=customer), user=customer, shipping_address=address)
    get_model("bundles", "GiftOptions").objects.create(
        order=order, message=batch()[:500], sender_name=SHORT[0]
    )
    get_model("workspace", "ProducerApplication").objects.create(
        applicant=customer,
        business_name=batches(128)[1],
        legal_type="cooperative",
        tax_code="4300000001",
        province=factories.ProvinceFactory(),
        street_address=batches(255)[2],
        contact_name=batches(120)[0],
        phone="0905123456",
        email="apply@example.vn",
        story=batch(),
    )
    business = get_model("wholesale", "Business").objects.create(
        name=batches(255)[3],
        tax_code="0312345678",
        billing_address=batch(),
        email="ketoan@example.vn",
    )
    get_model("wholesale", "Quote").objects.create(
        business=business,
        requested_by=customer,
        stockrecord=products[0].stockrecords.get(),
        quantity=50,
        message=batch(),
    )
    # Staff and the producer hear of the certificates and the low stock; the customer of the
    # products back in stock.
    services.certificate_reminders()
    for product in products:
        services.low_stock(
            StockAlert.objects.create(stockrecord=product.stockrecords.get(), threshold=5)
        )
    # (A short title: the 255-character ones are in tests/security/test_stored_html.py.)
    back = factories.ProductFactory(title=SHORT[0], description=batch())
    factories.StockRecordFactory(product=back, partner=producer.partner, num_in_stock=9)
    ProductAlert.objects.create(user=customer, product=back, status=ProductAlert.ACTIVE)
    AlertsDispatcher().send_alerts()
    return {
        "staff": staff,
        "customer": customer,
        "seller": seller,
        "producer": producer,
        "products": products,
        "order": order,
    }


def _pages_of(user, world):
    """What ``user`` sees: its account pages, notifications and emails; staff and the producer
    their dashboards too."""
    order = world["order"]
    urls = [
        reverse("customer:notifications-inbox"),
        reverse("customer:email-list"),
        reverse("customer:alerts-list"),
        *(
            reverse("customer:notifications-detail", kwargs={"pk": n.pk})
            for n in Notification.objects.filter(recipient=user)
        ),
        *(
            reverse("customer:email-detail", kwargs={"email_id": e.pk})
            for e in Email.objects.filter(user=user)
        ),
    ]
    if user == world["customer"]:
        urls += [
            reverse("customer:order", kwargs={"order_number": order.number}),
            reverse("customer:order-list"),
            world["producer"].get_absolute_url(),
            reverse("producers:list"),
            reverse("catalogue:index"),
            *(p.get_absolute_url() for p in world["products"]),
            reverse("wholesale:account"),
        ]
    if user == world["staff"]:
        Application = get_model("workspace", "ProducerApplication")
        Quote = get_model("wholesale", "Quote")
        urls += [
            reverse("dashboard:index"),
            reverse("dashboard:order-list"),
            reverse("dashboard:order-detail", kwargs={"number": order.number}),
            reverse("dashboard:catalogue-product-list"),
            reverse("dashboard:catalogue-product", kwargs={"pk": world["products"][0].pk}),
            reverse("dashboard:catalogue-certificate-list"),
            reverse("dashboard:notifications-outbox"),
            reverse("dashboard:reviews-list"),
            reverse("dashboard:producer-list"),
            reverse("dashboard:producer-application-list"),
            reverse(
                "dashboard:producer-application-detail",
                kwargs={"pk": Application.objects.get().pk},
            ),
            reverse("dashboard:wholesale-business-list"),
            reverse("dashboard:wholesale-quote-list"),
            reverse("dashboard:wholesale-quote", kwargs={"pk": Quote.objects.get().pk}),
            reverse("dashboard:bundle-list"),
        ]
    if user == world["seller"]:
        urls += [
            reverse("dashboard:index"),
            reverse("dashboard:order-list"),
            reverse("dashboard:order-detail", kwargs={"number": order.number}),
            reverse("dashboard:workspace-stock"),
            reverse("dashboard:workspace-sales"),
            reverse("dashboard:catalogue-product", kwargs={"pk": world["products"][0].pk}),
        ]
    return urls


def _sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.fixture
def messages_sent_in_process(monkeypatch):
    """Outbox messages are sent in the test's process (no worker here), whatever earlier tests
    left in Celery's configuration or the outbox's broker back-off."""
    from marketplace.celery import app

    monkeypatch.setattr(services, "_broker_down_until", 0.0)
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def test_no_payload_runs_on_any_page_email_or_notification(
    page, live_server, settings, messages_sent_in_process
):
    settings.OCOP_STAFF_EMAILS = []
    world = _world()
    assert len(PAYLOADS) >= 15
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    problems, seen = {}, set()

    def check(where):
        found = page.evaluate(INSPECT)
        if found["ran"] or found["handlers"] or dialogs:
            problems[where] = (found, list(dialogs))
            dialogs.clear()

    for role in ("customer", "staff", "seller"):
        _sign_in(page, live_server, world[role])
        for url in _pages_of(world[role], world):
            response = page.goto(url)
            assert response.status < 400, f"{role} {url}: {response.status}"
            check(f"{role} {url}")
            if "/notifications/" in url and role != "customer":
                seen.add(page.inner_text("body"))
            if url == world["products"][0].get_absolute_url():
                assert "<script>window.__xss=1</script>" in page.inner_text("h1")
    # Every email sent, as the page a mail reader would show.
    htmls = [m.alternatives[0][0] for m in mail.outbox if m.alternatives]
    assert htmls, "no HTML email was sent"
    for n, html in enumerate(htmls):
        page.set_content(html)
        check(f"email {n}: {mail.outbox[n].subject[:60]}")
    assert not problems, problems
    assert any("<svg onload=window.__xss=3>" in text for text in seen)
