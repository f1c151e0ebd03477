"""The outbox: every message the shop sends, recorded with what caused it.

A row is written in the transaction of the event (order placed, paid, shipped…), so it exists
exactly when the event does; the Celery task that sends it is published only after that
transaction commits. ``dedupe_key`` is unique: recording the same message again is a no-op.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    event = models.CharField(_("Event"), max_length=64, db_index=True)
    dedupe_key = models.CharField(max_length=255, unique=True)
    recipient = models.EmailField(_("Recipient"), max_length=254)
    # The shop account of the recipient, when there is one: it also gets an in-site notification.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(_("Language"), max_length=10)
    order = models.ForeignKey(
        "order.Order",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outbox_messages",
    )
    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # What the templates need beyond the order and partner (line ids, tracking number,
    # amount, stock record, certificate…), as plain JSON.
    context = models.JSONField(default=dict, blank=True)

    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("Attempts"), default=0)
    last_error = models.TextField(_("Last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("Next attempt"), db_index=True)
    # When the last send task was published (None: publishing failed, or never tried).
    published_at = models.DateTimeField(null=True, blank=True)
    # A worker that claimed the row owns it until then; a worker killed mid-send leaves the
    # lease to expire, and the sweep hands the row to another worker.
    lease_until = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True)
    sent_at = models.DateTimeField(_("Sent at"), null=True, blank=True)
    created = models.DateTimeField(_("Created"), auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("Outgoing message")
        verbose_name_plural = _("Outgoing messages")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.event} → {self.recipient}"

    @property
    def message_id(self):
        """A stable Message-ID: a resent or duplicated delivery carries the same one."""
        from django.contrib.sites.models import Site

        domain = Site.objects.get_current().domain.split(":")[0] or "ocop.local"
        return f"<outbox-{self.pk}@{domain}>"


class OrderLanguage(models.Model):
    """The language the customer used at checkout: their messages about the order use it."""

    order = models.OneToOneField(
        "order.Order", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    language = models.CharField(max_length=10)

    def __str__(self):
        return f"{self.order_id}: {self.language}"
