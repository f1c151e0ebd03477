"""End to end with a real Redis broker, a real Celery worker and SMTP on the wire.

The worker is a subprocess (``celery -A marketplace worker``) on the PostgreSQL test database;
tests are transactional so that it sees what they commit. Mail goes by SMTP to a server run
by the test process (aiosmtpd).
"""

import os
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from marketplace.celery import app
from shop.notifications import services
from shop.notifications.models import OutboxMessage
from shop.notifications.tasks import send_message_task, sweep_outbox_task
from tests.checkout.helpers import ensure_vietnam

from .helpers import place_two_producer_order, two_producer_world
from .worker import SMTPServer, Worker, broker_at, database_url, wait_for

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]

RECIPIENTS = [
    "buyer@example.com",
    "manha-user@example.vn",
    "staff@example.vn",
    "toi-user@example.vn",
    "toi@example.vn",
]


@pytest.fixture(scope="module")
def smtp():
    server = SMTPServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def worker(request, django_db_setup, django_db_blocker, smtp, tmp_path_factory):
    """One worker for the module; killed (whole process group) at the end, whatever happens."""
    from tests.conftest import _postgres_missing, _redis_missing, require_service

    require_service(_redis_missing() is None, _redis_missing())
    require_service(_postgres_missing() is None, _postgres_missing())
    app.control.purge()  # tasks other tests published with no worker to take them
    process = Worker(
        database=database_url(connection.settings_dict),
        redis_url=os.environ["REDIS_URL"],
        smtp_port=smtp.port,
        log_path=tmp_path_factory.mktemp("worker") / "worker.log",
    )
    request.addfinalizer(process.stop)
    process.start(app)
    return process


@pytest.fixture
def mailbox(smtp, worker):
    smtp.handler.clear()
    ensure_vietnam()
    yield smtp.handler
    smtp.handler.fail_code = None


def recipients(mailbox):
    return sorted(rcpt for rcpts, _message in mailbox.received() for rcpt in rcpts)


def all_rows(status):
    return (
        OutboxMessage.objects.exists() and not OutboxMessage.objects.exclude(status=status).exists()
    )


def settle(seconds=1.5):
    """Leave time for any duplicate to arrive before counting."""
    time.sleep(seconds)


def test_an_order_mails_every_party_their_part_over_smtp(mailbox, worker):
    world = two_producer_world()
    order = place_two_producer_order(world, guest_email="buyer@example.com", language="en")

    wait_for(lambda: len(mailbox.received()) >= 5, message=f"5 emails\n{worker.log()[-3000:]}")
    wait_for(lambda: all_rows("sent"), message="outbox rows marked sent")
    settle()
    assert recipients(mailbox) == RECIPIENTS
    by_rcpt = {rcpts[0]: message for rcpts, message in mailbox.received()}

    customer = by_rcpt["buyer@example.com"]
    assert customer["Subject"].strip() == f"Order {order.number} received"
    assert customer.get_content_type() == "multipart/alternative"
    text = customer.get_body(("plain",)).get_content()
    html = customer.get_body(("html",)).get_content()
    assert "Tỏi cô đơn Lý Sơn × 2" in text and "Mạch nha Thi Phổ × 1" in text
    assert "Tỏi cô đơn Lý Sơn" in html and "590.000" in html
    row = OutboxMessage.objects.get(recipient="buyer@example.com")
    assert customer["Message-ID"] == row.message_id

    garlic = by_rcpt["toi@example.vn"].get_body(("plain",)).get_content()
    assert "Tỏi cô đơn Lý Sơn × 2" in garlic and "Mạch nha" not in garlic
    assert "12 Lê Lợi" in garlic and "+84905123456" in garlic
    assert (
        by_rcpt["toi@example.vn"]["Subject"].strip() == f"Đơn hàng mới {order.number} cần chuẩn bị"
    )
    syrup = by_rcpt["manha-user@example.vn"].get_body(("plain",)).get_content()
    assert "Mạch nha Thi Phổ × 1" in syrup and "Tỏi" not in syrup


def test_broker_down_at_checkout_the_order_is_placed_and_mailed_once_it_is_back(mailbox, worker):
    world = two_producer_world()
    dead = "redis://127.0.0.1:1/0"
    with broker_at(app, dead):
        order = place_two_producer_order(world, guest_email="buyer@example.com")
    assert order.pk and order.lines.count() == 2
    rows = OutboxMessage.objects.filter(order=order)
    assert rows.count() == 5
    assert set(rows.values_list("status", flat=True)) == {"pending"}
    assert set(rows.values_list("published_at", flat=True)) == {None}
    settle(2)
    assert mailbox.received() == []

    sweep_outbox_task.delay()  # what Celery beat publishes every minute
    wait_for(lambda: all_rows("sent"), message=f"rows sent\n{worker.log()[-3000:]}")
    settle()
    assert recipients(mailbox) == RECIPIENTS

    sweep_outbox_task.delay()  # a later sweep finds nothing to do
    settle()
    assert recipients(mailbox) == RECIPIENTS


def test_the_same_task_delivered_many_times_sends_one_email(mailbox, worker):
    world = two_producer_world()
    order = place_two_producer_order(world)
    pks = list(OutboxMessage.objects.filter(order=order).values_list("pk", flat=True))
    for _ in range(3):  # redelivered tasks, racing on two worker processes
        for pk in pks:
            send_message_task.delay(pk)
    sweep_outbox_task.delay()

    wait_for(lambda: all_rows("sent"), message=f"rows sent\n{worker.log()[-3000:]}")
    settle(2)
    assert recipients(mailbox) == RECIPIENTS


def test_a_refusing_mail_server_is_retried_then_failed_shown_to_staff_and_resent(
    mailbox, worker, client
):
    mailbox.fail_code = 451
    world = two_producer_world()
    place_two_producer_order(world)

    wait_for(
        lambda: all_rows("failed"),
        timeout=60,
        message=f"rows failed after retries\n{worker.log()[-3000:]}",
    )
    assert mailbox.received() == []
    assert mailbox.refused == 5 * 3  # 3 attempts each (base delay 1 s, then 2 s)
    row = OutboxMessage.objects.get(recipient="buyer@example.com")
    assert row.attempts == 3 and "451" in row.last_error

    staff = get_user_model().objects.get(email="staff@example.vn")
    client.force_login(staff)
    page = client.get(reverse("dashboard:notifications-outbox"), {"status": "failed"})
    html = page.content.decode()
    assert "buyer@example.com" in html and "SMTPDataError" in html

    mailbox.fail_code = None
    response = client.post(reverse("dashboard:notifications-resend", args=[row.pk]))
    assert response.status_code == 302
    wait_for(lambda: OutboxMessage.objects.get(pk=row.pk).status == "sent", message="resent")
    settle()
    assert recipients(mailbox) == ["buyer@example.com"]


def test_an_expired_lease_of_a_killed_worker_is_taken_over_once(mailbox, worker):
    world = two_producer_world()
    with broker_at(app, "redis://127.0.0.1:1/0"):
        order = place_two_producer_order(world)
    row = OutboxMessage.objects.get(order=order, recipient="buyer@example.com")
    assert services.claim(row.pk)  # a worker took it and was killed before sending
    OutboxMessage.objects.filter(order=order).exclude(pk=row.pk).update(status="sent")

    sweep_outbox_task.delay()
    settle(2)
    assert mailbox.received() == []  # the lease still holds
    OutboxMessage.objects.filter(pk=row.pk).update(lease_until=timezone.now())
    sweep_outbox_task.delay()
    wait_for(lambda: all_rows("sent"), message=f"row sent\n{worker.log()[-3000:]}")
    settle()
    assert recipients(mailbox) == ["buyer@example.com"]
    assert OutboxMessage.objects.get(pk=row.pk).attempts == 2
