"""The outbox in the embedded mode (tasks in-process after commit, locmem mail)."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from shop.notifications import services
from shop.notifications.models import OutboxMessage

from .helpers import place_two_producer_order, two_producer_world

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


def by_recipient():
    return {m.to[0]: m for m in mail.outbox}


def test_an_order_tells_the_customer_each_producer_and_staff(django_capture_on_commit_callbacks):
    world = two_producer_world()
    with django_capture_on_commit_callbacks(execute=True):
        order = place_two_producer_order(world, guest_email="buyer@example.com", language="en")

    sent = by_recipient()
    assert sorted(sent) == [
        "buyer@example.com",
        "manha-user@example.vn",
        "staff@example.vn",
        "toi-user@example.vn",
        "toi@example.vn",
    ]
    customer = sent["buyer@example.com"]
    assert customer.subject == f"Order {order.number} received"
    assert "Tỏi cô đơn Lý Sơn × 2" in customer.body and "Mạch nha Thi Phổ × 1" in customer.body
    html = customer.alternatives[0][0]
    assert "Tỏi cô đơn Lý Sơn" in html and "590.000" in html  # 2×250.000 + 90.000
    # Each producer sees only their own lines, with the delivery details.
    garlic = sent["toi@example.vn"]
    assert "Tỏi cô đơn Lý Sơn × 2" in garlic.body
    assert "Mạch nha" not in garlic.body
    assert "12 Lê Lợi" in garlic.body and "+84905123456" in garlic.body
    syrup = sent["manha-user@example.vn"]
    assert "Mạch nha Thi Phổ × 1" in syrup.body and "Tỏi" not in syrup.body
    # Producers and staff default to Vietnamese.
    assert syrup.subject == f"Đơn hàng mới {order.number} cần chuẩn bị"
    assert sent["staff@example.vn"].subject.startswith(f"Đơn hàng mới {order.number}")
    # A stable Message-ID per outbox row.
    row = OutboxMessage.objects.get(recipient="buyer@example.com")
    assert customer.extra_headers["Message-ID"] == row.message_id
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}


def test_oscar_records_email_events_and_in_site_notifications(
    django_capture_on_commit_callbacks,
):
    world = two_producer_world()
    customer = get_user_model().objects.create_user(
        username="an", email="an@example.com", password="x-secret-123"
    )
    with django_capture_on_commit_callbacks(execute=True):
        order = place_two_producer_order(world, user=customer, language="vi")

    Notification = get_model("communication", "Notification")
    Email = get_model("communication", "Email")
    CommunicationEvent = get_model("order", "CommunicationEvent")
    assert Notification.objects.filter(recipient=customer).count() == 1
    assert Notification.objects.get(recipient=customer).subject == (
        f"Đã nhận đơn hàng {order.number}"
    )
    producer_user = world["garlic"].partner.users.get()
    assert Notification.objects.filter(recipient=producer_user).count() == 1
    assert Email.objects.filter(email="an@example.com", user=customer).count() == 1
    codes = set(
        CommunicationEvent.objects.filter(order=order).values_list("event_type__code", flat=True)
    )
    assert {"ORDER_PLACED", "ORDER_PLACED_PRODUCER", "ORDER_PLACED_STAFF"} <= codes

    client = __import__("django.test", fromlist=["Client"]).Client()
    client.force_login(customer)
    page = client.get("/accounts/notifications/inbox/")
    assert page.status_code == 200
    assert f"Đã nhận đơn hàng {order.number}" in page.content.decode()


def test_nothing_is_recorded_or_sent_for_a_rolled_back_order(django_capture_on_commit_callbacks):
    world = two_producer_world()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            place_two_producer_order(world)
            raise RuntimeError("payment step failed")
    assert OutboxMessage.objects.count() == 0
    assert mail.outbox == []


def test_a_task_delivered_twice_sends_one_email(django_capture_on_commit_callbacks):
    world = two_producer_world()
    with django_capture_on_commit_callbacks(execute=False):
        place_two_producer_order(world)
    row = OutboxMessage.objects.get(recipient="buyer@example.com")

    assert services.deliver(row.pk) == "sent"
    assert services.deliver(row.pk) == "skipped"
    from shop.notifications.tasks import send_message_task

    send_message_task.delay(row.pk)
    assert [m.to for m in mail.outbox] == [["buyer@example.com"]]


def test_recording_the_same_message_again_is_a_no_op(django_capture_on_commit_callbacks):
    world = two_producer_world()
    with django_capture_on_commit_callbacks(execute=True):
        order = place_two_producer_order(world)
    before = OutboxMessage.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        services.order_placed(order)
    assert OutboxMessage.objects.count() == before
    assert len(mail.outbox) == before


def test_a_worker_killed_mid_send_leaves_a_lease_the_sweep_takes_over(
    django_capture_on_commit_callbacks,
):
    world = two_producer_world()
    with django_capture_on_commit_callbacks(execute=False):
        place_two_producer_order(world)
    row = OutboxMessage.objects.get(recipient="buyer@example.com")
    assert services.claim(row.pk)  # a worker took it, then died
    assert services.deliver(row.pk) == "skipped"  # its lease still holds
    OutboxMessage.objects.filter(pk=row.pk).update(
        lease_until=timezone.now() - timedelta(seconds=1)
    )

    services.sweep()
    row.refresh_from_db()
    assert row.status == "sent" and row.attempts == 2
    assert [m.to for m in mail.outbox if m.to == ["buyer@example.com"]] == [["buyer@example.com"]]


def test_a_refusing_mail_server_is_retried_with_backoff_then_failed_and_resent_by_staff(
    settings, client, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.notifications.failing_mail.RefusingBackend"
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    settings.NOTIFICATIONS_RETRY_BASE_SECONDS = 60
    settings.OCOP_STAFF_EMAILS = ["office@example.vn"]
    world = two_producer_world()
    with django_capture_on_commit_callbacks(execute=True):
        place_two_producer_order(world)
    row = OutboxMessage.objects.get(recipient="buyer@example.com")
    assert (row.status, row.attempts) == ("pending", 1)
    assert "451" in row.last_error
    first_wait = row.next_attempt_at - timezone.now()
    assert timedelta(seconds=50) < first_wait <= timedelta(seconds=60)

    assert services.deliver(row.pk) == "skipped"  # not due yet
    for expected_wait in (120, None):
        OutboxMessage.objects.update(next_attempt_at=timezone.now())
        services.sweep()
        row.refresh_from_db()
        if expected_wait:
            assert row.status == "pending"
            wait = (row.next_attempt_at - timezone.now()).total_seconds()
            assert expected_wait - 10 < wait <= expected_wait
    assert (row.status, row.attempts) == ("failed", 3)

    staff = get_user_model().objects.get(email="staff@example.vn")
    client.force_login(staff)
    page = client.get(reverse("dashboard:notifications-outbox"), {"status": "failed"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "buyer@example.com" in html and "SMTPDataError" in html
    assert "toi@example.vn" in html  # every failed message is listed
    assert "office@example.vn" in html

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("dashboard:notifications-resend", args=[row.pk]))
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == "sent"
    assert [m.to for m in mail.outbox] == [["buyer@example.com"]]


def test_the_outbox_page_is_for_staff_only(client):
    user = get_user_model().objects.create_user(
        username="c", email="c@example.com", password="x-secret-123"
    )
    client.force_login(user)
    response = client.get(reverse("dashboard:notifications-outbox"))
    assert response.status_code in (302, 403)


def test_send_pending_notifications_command_sends_what_waits(
    django_capture_on_commit_callbacks,
):
    from django.core.management import call_command

    world = two_producer_world()
    with django_capture_on_commit_callbacks(execute=False):  # never published
        place_two_producer_order(world)
    assert mail.outbox == []

    call_command("send_pending_notifications", stdout=io.StringIO())
    assert len(mail.outbox) == 5
    call_command("send_pending_notifications", stdout=io.StringIO())
    assert len(mail.outbox) == 5


def test_outbox_admin_lists_messages(admin_client, django_capture_on_commit_callbacks):
    world = two_producer_world()
    with django_capture_on_commit_callbacks(execute=True):
        place_two_producer_order(world)
    response = admin_client.get(reverse("admin:notifications_outboxmessage_changelist"))
    assert response.status_code == 200
    assert "buyer@example.com" in response.content.decode()


def test_staff_edited_templates_override_the_shipped_ones(django_capture_on_commit_callbacks):
    CommunicationEventType = get_model("communication", "CommunicationEventType")
    CommunicationEventType.objects.filter(code="ORDER_PLACED_PRODUCER").update(
        email_subject_template="Có đơn {{ order.number }} cho {{ partner.name }}"
    )
    world = two_producer_world()
    with django_capture_on_commit_callbacks(execute=True):
        order = place_two_producer_order(world)
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["manha-user@example.vn"] == f"Có đơn {order.number} cho Cơ sở Mạch nha Thi Phổ"
    assert subjects["buyer@example.com"] == f"Đã nhận đơn hàng {order.number}"  # file default
