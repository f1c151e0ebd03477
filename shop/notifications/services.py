"""Who is told what about an order, and how each message reaches them exactly once.

Recording (in the caller's transaction)
    ``order_placed``, ``payment_received``, ``order_cancelled``, ``order_refunded``,
    ``lines_shipped``, ``order_delivered``, ``low_stock``, ``payment_reminders`` and
    ``certificate_reminders`` write one ``OutboxMessage`` per recipient. Its ``dedupe_key`` is
    unique, so recording the same message twice is a no-op. The send task is published with
    ``transaction.on_commit``: nothing is published for a rolled-back event, and a broker that
    cannot be reached leaves the row pending (the order still goes through).

Sending (``deliver``, run by ``send_message_task``)
    A worker claims the row with one conditional UPDATE (pending and due → sending, with a
    lease); a second delivery of the task, or a re-published row, finds it claimed or sent and
    does nothing. The email goes out with a Message-ID derived from the row, then the row is
    marked sent together with Oscar's records (``Email``, the order's ``CommunicationEvent``,
    the recipient's in-site ``Notification``). A failing mail server puts the row back to
    pending with exponential backoff; after ``NOTIFICATIONS_MAX_ATTEMPTS`` it is "failed" and
    shown to staff, who can resend it.

    The one window left: a worker that dies after the mail server accepted the message but
    before the row is marked sent leaves a lease that expires, and the sweep sends the message
    again. The repeat carries the same Message-ID, so mail systems that de-duplicate on it
    show it once.

Sweeping (``sweep``, run by Celery beat and ``manage.py send_pending_notifications``)
    Re-publishes pending rows that are due and were never published (broker down) or not for
    a while, and rows whose lease expired.
"""

import logging
import time
import uuid
from datetime import timedelta
from decimal import Decimal
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.html import escape, linebreaks
from oscar.core.loading import get_model

from .models import OrderLanguage, OutboxMessage
from .stored_html import notification_subject

logger = logging.getLogger(__name__)

# Communication event type codes (Oscar's ORDER_PLACED is the customer's confirmation).
ORDER_PLACED = "ORDER_PLACED"
ORDER_PLACED_PRODUCER = "ORDER_PLACED_PRODUCER"
ORDER_PLACED_STAFF = "ORDER_PLACED_STAFF"
PAYMENT_RECEIVED = "PAYMENT_RECEIVED"
PAYMENT_REMINDER = "PAYMENT_REMINDER"
ORDER_CANCELLED = "ORDER_CANCELLED"
ORDER_REFUNDED = "ORDER_REFUNDED"
LINES_SHIPPED = "LINES_SHIPPED"
ORDER_DELIVERED = "ORDER_DELIVERED"
LOW_STOCK = "LOW_STOCK"
CERTIFICATE_EXPIRING = "CERTIFICATE_EXPIRING"
CERTIFICATE_EXPIRED = "CERTIFICATE_EXPIRED"
PAYMENT_PROBLEM = "PAYMENT_PROBLEM"

# Name of each event type in the communications dashboard (stored in the database).
EVENT_TYPES = {
    ORDER_PLACED: "Đơn hàng mới — khách hàng (Order placed — customer)",
    ORDER_PLACED_PRODUCER: "Đơn hàng mới — nhà sản xuất (Order placed — producer)",
    ORDER_PLACED_STAFF: "Đơn hàng mới — nhân viên (Order placed — staff)",
    PAYMENT_RECEIVED: "Đã nhận thanh toán (Payment received)",
    PAYMENT_REMINDER: "Nhắc thanh toán chuyển khoản (Bank transfer reminder)",
    ORDER_CANCELLED: "Đơn hàng bị hủy (Order cancelled)",
    ORDER_REFUNDED: "Đã hoàn tiền (Order refunded)",
    LINES_SHIPPED: "Đã gửi hàng (Lines shipped)",
    ORDER_DELIVERED: "Đã giao hàng (Order delivered)",
    LOW_STOCK: "Sắp hết hàng (Low stock)",
    CERTIFICATE_EXPIRING: "Chứng nhận OCOP sắp hết hạn (Certificate expiring)",
    CERTIFICATE_EXPIRED: "Chứng nhận OCOP đã hết hạn (Certificate expired)",
    PAYMENT_PROBLEM: "Thanh toán thẻ cần xử lý — nhân viên (Card payment problem — staff)",
}
ORDER_EVENTS = {
    ORDER_PLACED,
    ORDER_PLACED_PRODUCER,
    ORDER_PLACED_STAFF,
    PAYMENT_RECEIVED,
    PAYMENT_REMINDER,
    ORDER_CANCELLED,
    ORDER_REFUNDED,
    LINES_SHIPPED,
    ORDER_DELIVERED,
}
CERTIFICATE_WARNING_DAYS = 60
# A pending row whose task was published this long ago and is still not sent is published
# again by the sweep (the task may have been lost with a broker that restarted empty).
REPUBLISH_AFTER = timedelta(minutes=5)


# --- Languages and recipients ------------------------------------------------------------


def default_language():
    return settings.LANGUAGE_CODE


def _supported(language):
    codes = {code for code, _name in settings.LANGUAGES}
    language = (language or "").split("-")[0]
    return language if language in codes else default_language()


def remember_order_language(order, language=None):
    """Keep the language the customer is using at checkout for the order's messages."""
    language = _supported(language or translation.get_language())
    OrderLanguage.objects.update_or_create(order=order, defaults={"language": language})
    return language


def customer_language(order):
    row = OrderLanguage.objects.filter(order=order).first()
    return row.language if row else default_language()


def customer_recipients(order):
    """(email, user, language) of the customer: the account's email, or the guest email."""
    email = (order.email or "").strip()
    if not email:
        return []
    return [(email, order.user if order.user_id else None, customer_language(order))]


def producer_recipients(partner):
    """The partner's users and its producer profile's contact email (Vietnamese)."""
    found = {}
    for user in partner.users.filter(is_active=True).exclude(email="").order_by("pk"):
        found.setdefault(user.email.strip().lower(), (user.email.strip(), user))
    Producer = _producer_model()
    if Producer is not None:
        contact = Producer.objects.filter(partner=partner).values_list("email", flat=True).first()
        if contact:
            found.setdefault(contact.strip().lower(), (contact.strip(), None))
    return [(email, user, default_language()) for email, user in found.values()]


def staff_recipients():
    """``OCOP_STAFF_EMAILS`` if set, else the active staff accounts with an email."""
    User = get_user_model()
    configured = [e.strip() for e in getattr(settings, "OCOP_STAFF_EMAILS", []) if e.strip()]
    if configured:
        users = {
            u.email.lower(): u
            for u in User.objects.filter(is_staff=True, is_active=True, email__in=configured)
        }
        return [(email, users.get(email.lower()), default_language()) for email in configured]
    staff = User.objects.filter(is_staff=True, is_active=True).exclude(email="").order_by("pk")
    seen, result = set(), []
    for user in staff:
        if user.email.lower() not in seen:
            seen.add(user.email.lower())
            result.append((user.email, user, default_language()))
    return result


def _producer_model():
    try:
        return get_model("producers", "Producer")
    except LookupError:
        return None


def order_partners(order):
    """The producers with something to ship in ``order``: the partners of its lines, and for
    a gift bundle line the producers of its components (not the marketplace selling it)."""
    Partner = get_model("partner", "Partner")
    OrderLineComponent = get_model("bundles", "OrderLineComponent")
    bundle_lines = OrderLineComponent.objects.filter(line__order=order).values("line_id")
    return Partner.objects.filter(
        Q(pk__in=order.lines.exclude(pk__in=bundle_lines).values("partner_id"))
        | Q(pk__in=OrderLineComponent.objects.filter(line__order=order).values("partner_id"))
    ).order_by("pk")


def product_partners(product):
    Partner = get_model("partner", "Partner")
    return Partner.objects.filter(pk__in=product.stockrecords.values("partner_id")).order_by("pk")


# --- Recording ---------------------------------------------------------------------------


def _key(*parts):
    key = ":".join(str(p) for p in parts).lower()
    if len(key) > 255:
        import hashlib

        key = key[:200] + ":" + hashlib.sha256(key.encode()).hexdigest()[:40]
    return key


def record(event, scope, recipients, *, order=None, partner=None, context=None):
    """One outbox row per recipient (a no-op for a row recorded before); returns the rows.

    ``scope`` identifies the occurrence (e.g. the order, or order and tracking number): the
    dedupe key is ``event:scope:recipient``. Call inside the transaction of the event.
    """
    rows = []
    now = timezone.now()
    for email, user, language in recipients:
        row, created = OutboxMessage.objects.get_or_create(
            dedupe_key=_key(event, scope, email),
            defaults={
                "event": event,
                "recipient": email,
                "user": user,
                "language": language,
                "order": order,
                "partner": partner,
                "context": context or {},
                "next_attempt_at": now,
            },
        )
        if created:
            transaction.on_commit(partial(publish, row.pk), robust=True)
        rows.append(row)
    return rows


# After a failed publish, this process does not try the broker again for a while: an order
# placed while Redis is down is not slowed by one connection attempt per message.
BROKER_BACKOFF_SECONDS = 15
_broker_down_until = 0.0


def publish(pk, countdown=None):
    """Hand the row to a worker; a broker that cannot be reached leaves it to the sweep."""
    global _broker_down_until
    from .tasks import send_message_task

    if not _eager() and time.monotonic() < _broker_down_until:
        logger.info("Outbox message %s left to the sweep: the broker was down just now", pk)
        return False
    try:
        send_message_task.apply_async(
            (pk,),
            countdown=countdown,
            retry=True,
            retry_policy={
                "max_retries": 2,
                "interval_start": 0,
                "interval_step": 0.2,
                "interval_max": 0.5,
            },
        )
    except Exception as exc:  # broker down (kombu/redis errors): the sweep publishes it later
        logger.warning("Outbox message %s not published (%s); the sweep will retry", pk, exc)
        _broker_down_until = time.monotonic() + BROKER_BACKOFF_SECONDS
        return False
    _broker_down_until = 0.0
    if not _eager():  # in-process, the task has already run
        OutboxMessage.objects.filter(pk=pk).update(published_at=timezone.now())
    return True


def _eager():
    from marketplace.celery import app

    return bool(app.conf.task_always_eager)


# --- What is recorded for each event ----------------------------------------------------


def order_placed(order):
    """The customer (whole order), each producer (their lines) and staff."""
    remember_order_language(order)
    record(ORDER_PLACED, order.pk, customer_recipients(order), order=order)
    for partner in order_partners(order):
        record(
            ORDER_PLACED_PRODUCER,
            f"{order.pk}:{partner.pk}",
            producer_recipients(partner),
            order=order,
            partner=partner,
        )
    record(ORDER_PLACED_STAFF, order.pk, staff_recipients(), order=order)


def payment_received(order, *, amount, reference):
    record(
        PAYMENT_RECEIVED,
        f"{order.pk}:{reference}",
        customer_recipients(order),
        order=order,
        context={"amount": str(amount), "reference": str(reference)},
    )


def order_cancelled(order, *, reason=""):
    """The customer, and the producers who had lines to prepare."""
    context = {"reason": str(reason or "")}
    record(ORDER_CANCELLED, order.pk, customer_recipients(order), order=order, context=context)
    for partner in order_partners(order):
        record(
            ORDER_CANCELLED,
            f"{order.pk}:{partner.pk}",
            producer_recipients(partner),
            order=order,
            partner=partner,
            context=context,
        )


def order_refunded(order, *, amount, reference):
    record(
        ORDER_REFUNDED,
        f"{order.pk}:{reference}",
        customer_recipients(order),
        order=order,
        context={"amount": str(amount), "reference": str(reference)},
    )


def lines_shipped(order, partner, lines, carrier, tracking_number, components=()):
    """A producer (``partner``) shipped ``lines`` of ``order`` (and ``components`` of its
    gift bundles): tell the customer.

    Public entry point for whoever marks lines shipped (producer workspace, staff dashboard).
    Call it inside the transaction that records the shipment.
    """
    line_ids = sorted(line.pk for line in lines)
    component_ids = sorted(component.pk for component in components)
    shipped = ",".join(map(str, line_ids)) + (
        ";" + ",".join(map(str, component_ids)) if component_ids else ""
    )
    record(
        LINES_SHIPPED,
        f"{order.pk}:{partner.pk if partner else 0}:{tracking_number or shipped}",
        customer_recipients(order),
        order=order,
        partner=partner,
        context={
            "lines": line_ids,
            "components": component_ids,
            "carrier": str(carrier or ""),
            "tracking_number": str(tracking_number or ""),
        },
    )


def order_delivered(order):
    record(ORDER_DELIVERED, order.pk, customer_recipients(order), order=order)


def low_stock(alert):
    """An Oscar StockAlert was opened (free stock fell below the threshold): the producer.

    Oscar opens one alert per crossing and closes it when stock is back, so this is once per
    crossing.
    """
    stockrecord = alert.stockrecord
    record(
        LOW_STOCK,
        alert.pk,
        producer_recipients(stockrecord.partner),
        partner=stockrecord.partner,
        context={
            "stockrecord": stockrecord.pk,
            "threshold": alert.threshold,
            "net_stock": stockrecord.net_stock_level,
        },
    )


def payment_reminders(now=None):
    """Remind the customers of unpaid bank-transfer orders (once per order) after
    ``PAYMENT_REMINDER_AFTER_HOURS``, before the auto-cancel. Returns how many orders."""
    from shop.banktransfer import services as bank_transfer

    now = now or timezone.now()
    after = timedelta(hours=settings.PAYMENT_REMINDER_AFTER_HOURS)
    timeout = timedelta(hours=settings.BANK_TRANSFER_TIMEOUT_HOURS)
    due = (
        bank_transfer.bank_transfer_orders()
        .filter(
            status=bank_transfer.PENDING_STATUS,
            date_placed__lte=now - after,
            date_placed__gt=now - timeout,
        )
        .exclude(outbox_messages__event=PAYMENT_REMINDER)
        .order_by("pk")
    )
    count = 0
    for order in due:
        with transaction.atomic():
            record(
                PAYMENT_REMINDER,
                order.pk,
                customer_recipients(order),
                order=order,
                context={"deadline": bank_transfer.deadline(order).isoformat()},
            )
        count += 1
    return count


def certificate_reminders(today=None):
    """Certificates expiring within 60 days, and expired ones: their producers and staff,
    once per certificate, state and expiry date (a renewed certificate is told again)."""
    Certificate = get_model("catalogue", "Certificate")
    today = today or timezone.localdate()
    horizon = today + timedelta(days=CERTIFICATE_WARNING_DAYS)
    certificates = (
        Certificate.objects.filter(revoked=False, expires_on__lte=horizon)
        .select_related("product")
        .order_by("pk")
    )
    count = 0
    for certificate in certificates:
        event = CERTIFICATE_EXPIRED if certificate.expires_on < today else CERTIFICATE_EXPIRING
        scope = f"{certificate.pk}:{certificate.expires_on.isoformat()}"
        if OutboxMessage.objects.filter(dedupe_key__startswith=_key(event, scope) + ":").exists():
            continue
        context = {"certificate": certificate.pk}
        with transaction.atomic():
            for partner in product_partners(certificate.product):
                record(
                    event,
                    f"{scope}:{partner.pk}",
                    producer_recipients(partner),
                    partner=partner,
                    context=context,
                )
            record(event, f"{scope}:staff", staff_recipients(), context=context)
        count += 1
    return count


# --- Rendering ---------------------------------------------------------------------------


def site_url():
    return settings.SITE_URL


def _url(name, **kwargs):
    try:
        return site_url() + reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def _customer_order_url(order):
    if order.user_id:
        return _url("customer:order", order_number=order.number)
    return _url("customer:anon-order", order_number=order.number, hash=order.verification_hash())


def template_context(message):
    """What the email templates see, loaded fresh from the database (call inside the
    recipient's language)."""
    data = message.context or {}
    ctx = {
        "message": message,
        "recipient": message.recipient,
        "shop_name": settings.OSCAR_SHOP_NAME,
        "site_url": site_url(),
        "partner": message.partner,
        # A producer's own copy (its share of an order), not a customer's message naming the
        # producer that shipped.
        "for_producer": bool(message.partner_id) and message.event != LINES_SHIPPED,
    }
    order = message.order
    if order is not None:
        OrderLineComponent = get_model("bundles", "OrderLineComponent")
        lines = order.lines.select_related("partner").order_by("pk")
        components = OrderLineComponent.objects.filter(line__order=order).select_related("line")
        if data.get("lines") or data.get("components"):
            # What one parcel held.
            lines = lines.filter(pk__in=data.get("lines") or [])
            components = components.filter(pk__in=data.get("components") or [])
        elif message.partner_id:
            # A producer's share: its lines and its components of gift bundles.
            lines = lines.filter(partner_id=message.partner_id).exclude(
                pk__in=components.values("line_id")
            )
            components = components.filter(partner_id=message.partner_id)
        else:
            # The customer and staff see each gift bundle as one line.
            components = components.none()
        GiftOptions = get_model("bundles", "GiftOptions")
        ctx.update(
            order=order,
            gift=GiftOptions.objects.filter(order=order).first(),
            surcharges=list(order.surcharges.all()),
            lines=list(lines),
            components=list(components.order_by("line_id", "pk")),
            shipping_address=order.shipping_address,
            shipping_method=order.shipping_method,
            customer_url=_customer_order_url(order),
            dashboard_url=_url("dashboard:order-detail", number=order.number),
        )
    for name in ("carrier", "tracking_number", "reason", "reference"):
        if name in data:
            ctx[name] = data[name]
    if "amount" in data:
        ctx["amount"] = Decimal(data["amount"])
    if "deadline" in data:
        from django.utils.dateparse import parse_datetime

        ctx["deadline"] = parse_datetime(data["deadline"])
        from shop.banktransfer import services as bank_transfer

        ctx["bank_account"] = bank_transfer.account()
        ctx["transfer_note"] = bank_transfer.transfer_note(order)
    if "stockrecord" in data:
        StockRecord = get_model("partner", "StockRecord")
        stockrecord = StockRecord.objects.select_related("product").filter(pk=data["stockrecord"])
        stockrecord = stockrecord.first()
        ctx.update(
            stockrecord=stockrecord,
            product=stockrecord.product if stockrecord else None,
            threshold=data.get("threshold"),
            net_stock=stockrecord.net_stock_level if stockrecord else data.get("net_stock"),
        )
    if "certificate" in data:
        Certificate = get_model("catalogue", "Certificate")
        certificate = Certificate.objects.select_related("product").get(pk=data["certificate"])
        ctx.update(
            certificate=certificate,
            product=certificate.product,
            days_left=(certificate.expires_on - timezone.localdate()).days,
            certificate_url=_url("dashboard:catalogue-certificate-list"),
        )
    return ctx


def render(message):
    """Subject, text and HTML of ``message`` in its language, from the event type's templates
    (edited by staff in the communications dashboard, else the files shipped with the shop)."""
    CommunicationEventType = get_model("communication", "CommunicationEventType")
    with translation.override(message.language or default_language()):
        ctx = template_context(message)
        ctx["site"] = Site.objects.get_current()
        return CommunicationEventType.objects.get_and_render(message.event, ctx)


def build_email(message, rendered):
    email = EmailMultiAlternatives(
        rendered["subject"],
        rendered["body"],
        from_email=settings.OSCAR_FROM_EMAIL,
        to=[message.recipient],
        headers={"Message-ID": message.message_id},
    )
    if rendered.get("html"):
        email.attach_alternative(rendered["html"], "text/html")
    return email


# --- Sending -----------------------------------------------------------------------------


def claim(pk, now=None):
    """Atomically take the row for sending; None when it is not due, already claimed or sent."""
    now = now or timezone.now()
    token = uuid.uuid4().hex
    lease = timedelta(seconds=settings.NOTIFICATIONS_LEASE_SECONDS)
    taken = (
        OutboxMessage.objects.filter(pk=pk)
        .filter(
            Q(status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now)
            | Q(status=OutboxMessage.Status.SENDING, lease_until__lt=now)
        )
        .update(
            status=OutboxMessage.Status.SENDING,
            lease_until=now + lease,
            claim_token=token,
            attempts=F("attempts") + 1,
            updated=now,
        )
    )
    return token if taken else None


def deliver(pk, connection=None):
    """Send one outbox row if it is still to be sent; returns what happened."""
    token = claim(pk)
    if token is None:
        return "skipped"
    message = OutboxMessage.objects.select_related("order", "partner", "user").get(pk=pk)
    try:
        rendered = render(message)
        email = build_email(message, rendered)
        (connection or get_connection()).send_messages([email])
    except Exception as exc:  # SMTP refusal, network error, a template error…
        return _failed(message, token, exc)
    with transaction.atomic():
        done = OutboxMessage.objects.filter(pk=pk, claim_token=token).update(
            status=OutboxMessage.Status.SENT,
            sent_at=timezone.now(),
            lease_until=None,
            last_error="",
            updated=timezone.now(),
        )
        if done:
            _record_oscar_history(message, rendered, email)
    return "sent"


def retry_delay(attempts):
    base = settings.NOTIFICATIONS_RETRY_BASE_SECONDS
    return base * 2 ** max(attempts - 1, 0)


def _failed(message, token, exc):
    error = f"{exc.__class__.__name__}: {exc}"[:2000]
    now = timezone.now()
    if message.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
        OutboxMessage.objects.filter(pk=message.pk, claim_token=token).update(
            status=OutboxMessage.Status.FAILED, last_error=error, lease_until=None, updated=now
        )
        logger.error("Outbox message %s failed for good: %s", message.pk, error)
        return "failed"
    delay = retry_delay(message.attempts)
    OutboxMessage.objects.filter(pk=message.pk, claim_token=token).update(
        status=OutboxMessage.Status.PENDING,
        last_error=error,
        lease_until=None,
        next_attempt_at=now + timedelta(seconds=delay),
        updated=now,
    )
    logger.warning("Outbox message %s not sent (%s); retry in %ss", message.pk, error, delay)
    if not _eager():  # in-process mode: the sweep (management command) retries it
        publish(message.pk, countdown=delay)
    return "retry"


def _record_oscar_history(message, rendered, email):
    """What Oscar's Dispatcher records: the Email, the order's CommunicationEvent, and the
    recipient's in-site notification."""
    Email = get_model("communication", "Email")
    Notification = get_model("communication", "Notification")
    CommunicationEventType = get_model("communication", "CommunicationEventType")
    CommunicationEvent = get_model("order", "CommunicationEvent")
    if settings.OSCAR_SAVE_SENT_EMAILS_TO_DB:
        Email.objects.create(
            user=message.user,
            email=message.recipient,
            subject=email.subject,
            body_text=email.body,
            body_html=rendered.get("html") or "",
        )
    if message.order_id and message.event in ORDER_EVENTS:
        event_type = CommunicationEventType.objects.filter(code=message.event).first()
        if event_type is not None:
            CommunicationEvent.objects.create(order=message.order, event_type=event_type)
    if message.user_id:
        Notification.objects.create(
            recipient=message.user,
            # Oscar keeps a notification as HTML: the plain subject and body are escaped.
            subject=notification_subject(email.subject),
            body=linebreaks(escape(email.body)),
        )


def sweep(now=None, limit=500):
    """Publish again what is due and not in flight; returns how many rows."""
    now = now or timezone.now()
    due = (
        OutboxMessage.objects.filter(
            Q(
                status=OutboxMessage.Status.PENDING,
                next_attempt_at__lte=now,
            )
            & (Q(published_at__isnull=True) | Q(published_at__lt=now - REPUBLISH_AFTER))
            | Q(status=OutboxMessage.Status.SENDING, lease_until__lt=now)
        )
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    count = 0
    for pk in list(due):
        if publish(pk):
            count += 1
    return count


def resend(message):
    """Staff resend a failed (or still pending) message: back to pending, due now."""
    with transaction.atomic():
        updated = OutboxMessage.objects.filter(
            pk=message.pk,
            status__in=[OutboxMessage.Status.FAILED, OutboxMessage.Status.PENDING],
        ).update(
            status=OutboxMessage.Status.PENDING,
            attempts=0,
            next_attempt_at=timezone.now(),
            published_at=None,
            lease_until=None,
            updated=timezone.now(),
        )
        if updated:
            transaction.on_commit(partial(publish, message.pk), robust=True)
    return bool(updated)
