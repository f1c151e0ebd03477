"""The producer workspace: applications to sell, invitations, shipments and stock imports."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shop.core.storage import private_storage
from shop.producers.models import LegalType, tax_code_validator

from .images import DOCUMENT_TYPES


class ProducerApplication(models.Model):
    """A request to sell on the marketplace, reviewed by staff."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="producer_applications",
        verbose_name=_("Applicant"),
    )
    business_name = models.CharField(_("Business name"), max_length=128)
    legal_type = models.CharField(_("Legal type"), max_length=12, choices=LegalType.choices)
    tax_code = models.CharField(_("Tax code"), max_length=14, validators=[tax_code_validator])
    province = models.ForeignKey(
        "regions.AdministrativeUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Province"),
    )
    district = models.ForeignKey(
        "regions.AdministrativeUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("District"),
        null=True,
        blank=True,
    )
    commune = models.ForeignKey(
        "regions.AdministrativeUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Commune"),
        null=True,
        blank=True,
    )
    street_address = models.CharField(_("Street address"), max_length=255, blank=True)
    contact_name = models.CharField(_("Contact person"), max_length=120)
    phone = models.CharField(_("Phone"), max_length=20)
    email = models.EmailField(_("Email"))
    story = models.TextField(_("Story"), blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    reason = models.TextField(_("Reason"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Reviewed by"),
    )
    date_reviewed = models.DateTimeField(_("Reviewed at"), null=True, blank=True)
    producer = models.ForeignKey(
        "producers.Producer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("Producer"),
    )
    date_created = models.DateTimeField(_("Submitted at"), auto_now_add=True)

    class Meta:
        ordering = ["-date_created", "-pk"]
        verbose_name = _("Producer application")
        verbose_name_plural = _("Producer applications")
        indexes = [models.Index(fields=["status", "date_created"])]

    def __str__(self):
        return f"{self.business_name} ({self.get_status_display()})"

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING


def document_path(instance, filename):
    """A scan's private name: random, with the extension of its detected content type."""
    extension = DOCUMENT_TYPES.get(instance.content_type, "bin")
    return f"workspace/applications/{uuid.uuid4().hex}.{extension}"


def stock_import_path(instance, filename):
    return f"workspace/stock-imports/{uuid.uuid4().hex}.csv"


class ApplicationDocument(models.Model):
    """A scan of a certificate or licence attached to an application."""

    application = models.ForeignKey(
        ProducerApplication,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("Application"),
    )
    # Private: outside MEDIA_ROOT, sent to staff by ApplicationDocumentView only.
    file = models.FileField(_("File"), upload_to=document_path, storage=private_storage)
    original_name = models.CharField(_("File name"), max_length=255)
    content_type = models.CharField(_("Type"), max_length=50)
    size = models.PositiveIntegerField(_("Size (bytes)"))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("Application document")
        verbose_name_plural = _("Application documents")

    def __str__(self):
        return self.original_name


class Invitation(models.Model):
    """An invitation for another person to act for a producer (sent as a signed link)."""

    partner = models.ForeignKey(
        "partner.Partner",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("Producer"),
    )
    email = models.EmailField(_("Email"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("Invited by"),
    )
    date_created = models.DateTimeField(_("Sent at"), auto_now_add=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Accepted by"),
    )
    date_accepted = models.DateTimeField(_("Accepted at"), null=True, blank=True)
    revoked = models.BooleanField(_("Withdrawn"), default=False)

    class Meta:
        ordering = ["-date_created", "-pk"]
        verbose_name = _("Invitation")
        verbose_name_plural = _("Invitations")

    def __str__(self):
        return self.email

    @property
    def is_open(self):
        return not self.revoked and self.date_accepted is None


class Shipment(models.Model):
    """One producer's parcel for an order: its lines, packed and then shipped."""

    class Status(models.TextChoices):
        PACKED = "packed", _("Packed")
        SHIPPED = "shipped", _("Shipped")

    order = models.ForeignKey(
        "order.Order", on_delete=models.CASCADE, related_name="shipments", verbose_name=_("Order")
    )
    partner = models.ForeignKey(
        "partner.Partner",
        on_delete=models.PROTECT,
        related_name="shipments",
        verbose_name=_("Producer"),
    )
    lines = models.ManyToManyField("order.Line", related_name="shipments", verbose_name=_("Lines"))
    # The producer's components of gift bundles in this parcel (the bundle line itself is
    # the marketplace's, shipped by its producers' parcels together).
    components = models.ManyToManyField(
        "bundles.OrderLineComponent",
        related_name="shipments",
        blank=True,
        verbose_name=_("Gift bundle components"),
    )
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices)
    carrier = models.CharField(_("Carrier"), max_length=100, blank=True)
    tracking_number = models.CharField(_("Tracking number"), max_length=100, blank=True)
    packed_at = models.DateTimeField(_("Packed at"), null=True, blank=True)
    shipped_at = models.DateTimeField(_("Shipped at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    date_created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date_created", "pk"]
        verbose_name = _("Shipment")
        verbose_name_plural = _("Shipments")

    def __str__(self):
        return f"{self.order.number} / {self.partner} ({self.get_status_display()})"


class StockImport(models.Model):
    """A CSV upload of stock and prices, validated whole and applied whole, with progress."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        VALIDATING = "validating", _("Checking rows")
        APPLYING = "applying", _("Updating stock")
        DONE = "done", _("Done")
        REJECTED = "rejected", _("Rejected")

    partner = models.ForeignKey(
        "partner.Partner",
        on_delete=models.CASCADE,
        related_name="stock_imports",
        verbose_name=_("Producer"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    file = models.FileField(_("File"), upload_to=stock_import_path, storage=private_storage)
    original_name = models.CharField(_("File name"), max_length=255)
    status = models.CharField(
        _("Status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    total_rows = models.PositiveIntegerField(_("Rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("Rows processed"), default=0)
    updated_rows = models.PositiveIntegerField(_("Rows changed"), default=0)
    errors = models.JSONField(_("Errors"), default=list, blank=True)
    date_created = models.DateTimeField(auto_now_add=True)
    date_finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-date_created", "-pk"]
        verbose_name = _("Stock import")
        verbose_name_plural = _("Stock imports")

    def __str__(self):
        return self.original_name

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.REJECTED)

    @property
    def percent(self):
        if self.is_finished:
            return 100
        if not self.total_rows:
            return 0
        # Checking is the first half of the work, applying the second.
        done = self.processed_rows
        if self.status == self.Status.APPLYING:
            done += self.total_rows
        return min(99, int(done * 50 / self.total_rows))
