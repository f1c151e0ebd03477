"""Who hears about what: payment, cancellation, refund, shipment, delivery, low stock,
certificates, bank-transfer reminders; the web checkout in English."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from oscar.core.loading import get_model

from shop.checkout import services as checkout
from shop.notifications import services
from shop.notifications.models import OrderLanguage, OutboxMessage
from tests import factories

from .helpers import place_two_producer_order, stocked, two_producer_world

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]

Order = get_model("order", "Order")


def to(address):
    return [m for m in mail.outbox if m.to == [address]]


@pytest.fixture
def world():
    return two_producer_world()


@pytest.fixture
def order(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        placed = place_two_producer_order(world, guest_email="buyer@example.com", language="en")
    mail.outbox.clear()
    return placed


def test_payment_received_once_per_payment(order, django_capture_on_commit_callbacks):
    for _attempt in range(2):  # the same webhook/bank reference twice
        with django_capture_on_commit_callbacks(execute=True):
            checkout.mark_order_paid(
                order, method="bank_transfer", amount=order.total_incl_tax, reference="FT123"
            )
    [email] = to("buyer@example.com")
    assert email.subject == f"Payment received for order {order.number}"
    assert "590,000" in email.body or "590.000" in email.body
    assert len(mail.outbox) == 1


def test_cancelled_order_tells_the_customer_and_its_producers(
    order, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        checkout.cancel_order(order, reason="Bank transfer not received in time")
    [customer] = to("buyer@example.com")
    assert customer.subject == f"Order {order.number} is cancelled"
    [producer] = to("manha-user@example.vn")
    assert producer.subject == f"Đơn hàng {order.number} đã bị hủy"
    assert "không chuẩn bị" in producer.body and "Mạch nha Thi Phổ × 1" in producer.body
    assert "Tỏi" not in producer.body


def test_refund_tells_the_customer_the_amount(order, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.order_refunded(order, amount=Decimal("90000"), reference="re_1")
        services.order_refunded(order, amount=Decimal("90000"), reference="re_1")
    [email] = to("buyer@example.com")
    assert email.subject == f"Refund for order {order.number}"
    assert "90.000" in email.body


def test_staff_mark_shipped_with_tracking_then_delivered(
    order, client, django_capture_on_commit_callbacks
):
    checkout.mark_order_paid(order, method="cod", amount=order.total_incl_tax, reference="x")
    mail.outbox.clear()
    staff = get_user_model().objects.get(email="staff@example.vn")
    client.force_login(staff)
    url = reverse("dashboard:order-detail", kwargs={"number": order.number})
    page = client.get(url).content.decode()
    assert 'value="mark_shipped"' in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"order_action": "mark_shipped", "carrier": "VNPost"})
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == "paid" and mail.outbox == []  # no tracking number: nothing changes

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {"order_action": "mark_shipped", "carrier": "VNPost", "tracking_number": "EB123VN"},
        )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == "shipped"
    shipped = to("buyer@example.com")
    assert len(shipped) == 2  # one per producer's parcel
    assert all(m.subject == f"Order {order.number} is on its way" for m in shipped)
    bodies = "\n".join(m.body for m in shipped)
    assert "EB123VN" in bodies and "VNPost" in bodies
    assert "HTX Tỏi Lý Sơn has shipped" in bodies

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"order_action": "mark_delivered"})
    order.refresh_from_db()
    assert order.status == "delivered"
    [delivered] = to("buyer@example.com")
    assert delivered.subject == f"Order {order.number} delivered"


def test_lines_shipped_is_a_public_service(order, django_capture_on_commit_callbacks):
    garlic_lines = list(order.lines.filter(partner__name="HTX Tỏi Lý Sơn"))
    with django_capture_on_commit_callbacks(execute=True):
        services.lines_shipped(
            order, garlic_lines[0].partner, garlic_lines, "Viettel Post", "VTP999"
        )
        services.lines_shipped(
            order, garlic_lines[0].partner, garlic_lines, "Viettel Post", "VTP999"
        )
    [email] = to("buyer@example.com")
    assert "VTP999" in email.body and "Tỏi cô đơn Lý Sơn × 2" in email.body
    assert "Mạch nha" not in email.body


def test_low_stock_tells_the_producer_once_per_crossing(world, django_capture_on_commit_callbacks):
    world["garlic_product"].stockrecords.update(num_in_stock=6, low_stock_threshold=5)
    with django_capture_on_commit_callbacks(execute=True):
        place_two_producer_order(world)  # 6 - 2 = 4 < 5: crossing
    low = [m for m in mail.outbox if m.subject.startswith("Sắp hết hàng")]
    assert sorted(m.to[0] for m in low) == ["toi-user@example.vn", "toi@example.vn"]
    assert "Chỉ còn 4 sản phẩm Tỏi cô đơn Lý Sơn" in low[0].body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        place_two_producer_order(world, guest_email="other@example.com")  # still below
    assert not [m for m in mail.outbox if m.subject.startswith("Sắp hết hàng")]


def test_certificate_reminders_once_per_state(world, settings):
    settings.OCOP_STAFF_EMAILS = ["office@example.vn"]
    today = timezone.localdate()
    expiring = factories.CertificateFactory(
        product=world["garlic_product"], expires_on=today + datetime.timedelta(days=30)
    )
    expired = factories.CertificateFactory(
        product=world["syrup_product"],
        decision_date=today - datetime.timedelta(days=400),
        expires_on=today - datetime.timedelta(days=1),
    )
    factories.CertificateFactory(expires_on=today + datetime.timedelta(days=200))  # far off

    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        assert services.certificate_reminders() == 2
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert services.certificate_reminders() == 0

    subjects = {(m.to[0], m.subject) for m in mail.outbox}
    date = expiring.expires_on.strftime("%d/%m/%Y")
    assert (
        "toi@example.vn",
        f"Giấy chứng nhận OCOP của Tỏi cô đơn Lý Sơn hết hạn ngày {date}",
    ) in subjects
    assert ("office@example.vn", "Giấy chứng nhận OCOP của Mạch nha Thi Phổ đã hết hạn") in subjects
    assert (
        "manha-user@example.vn",
        "Giấy chứng nhận OCOP của Mạch nha Thi Phổ đã hết hạn",
    ) in subjects
    assert len(mail.outbox) == 5  # garlic: 2 producer addresses + office; syrup: 1 + office
    assert expired.pk


def test_bank_transfer_reminder_once_before_the_auto_cancel(
    order, settings, django_capture_on_commit_callbacks
):
    from shop.banktransfer import services as bank_transfer

    settings.PAYMENT_REMINDER_AFTER_HOURS = 24
    settings.BANK_TRANSFER_TIMEOUT_HOURS = 48
    bank_transfer.record_bank_transfer(order)
    Order.objects.filter(pk=order.pk).update(
        status="pending_payment", date_placed=timezone.now() - datetime.timedelta(hours=30)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.payment_reminders() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.payment_reminders() == 0
    [email] = to("buyer@example.com")
    assert email.subject == f"Order {order.number} is waiting for your bank transfer"
    assert "0123456789" in email.body or settings.BANK_TRANSFER_ACCOUNT_NUMBER in email.body
    assert f"Transfer note: {order.number}" in email.body


def test_the_web_checkout_in_english_sends_one_english_confirmation(
    client, django_capture_on_commit_callbacks
):
    from tests.checkout.test_flow import choose, place, to_payment_method

    product = stocked(factories.ProducerFactory(email="p@example.vn"), "Đường phèn", "80000")
    with translation.override("en"):
        to_payment_method(client, product, 1, email="guest@example.com")
        choose(client, "cod")
        with django_capture_on_commit_callbacks(execute=True):
            response = place(client)
    assert response.status_code == 302
    order = Order.objects.get()
    assert OrderLanguage.objects.get(order=order).language == "en"
    [email] = to("guest@example.com")
    assert email.subject == f"Order {order.number} received"
    assert "Đường phèn × 1" in email.body
    assert [m.to for m in mail.outbox].count(["p@example.vn"]) == 1
    assert OutboxMessage.objects.filter(order=order, event="ORDER_PLACED").count() == 1
