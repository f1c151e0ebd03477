"""The forked catalogue: Oscar's product plus its OCOP certification.

New fields and models are declared above Oscar's ``import *`` so that Oscar registers ours
instead of its own vanilla classes.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct

from catalogue_ext.text import fold_vietnamese

CERTIFIED_MIN_STARS = 3
CERTIFICATE_VALIDITY_MONTHS = 36
EXPIRING_WITHIN_DAYS = 60


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (clamped to the month's last day)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise ValueError(day)


class Product(AbstractProduct):
    # Denormalised search columns, rebuilt on every save (see ``refresh_search_text``): a
    # product edited anywhere is found by its new text at once, on SQLite and PostgreSQL alike.
    search_text = models.TextField(_("Search text"), blank=True, default="", editable=False)
    search_title = models.CharField(
        _("Search title"), max_length=255, blank=True, default="", editable=False
    )

    def search_sources(self):
        """Texts a shopper may type to find this product."""
        parts = [self.title or "", self.upc or "", self.description or ""]
        partner_names = getattr(self, "_search_partner_names", None)
        if partner_names is None and self.pk:
            partner_names = [
                name for name in self.stockrecords.values_list("partner__name", flat=True) if name
            ]
        parts.extend(partner_names or [])
        return parts

    def refresh_search_text(self):
        self.search_title = (self.title or "").lower()[:255]
        self.search_text = " ".join(fold_vietnamese(part) for part in self.search_sources())

    def save(self, *args, **kwargs):
        self.refresh_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | {"search_text", "search_title"}
        super().save(*args, **kwargs)

    def is_review_permitted(self, user):
        """Only a signed-in buyer who received the product, once (``shop.reviews.rules``)."""
        from shop.reviews.rules import refusal

        return refusal(self, user) is None

    @property
    def ocop(self):
        """The product's OCOP certificate, or None."""
        try:
            return self.ocop_certificate
        except Certificate.DoesNotExist:
            return None

    @property
    def ocop_badge_stars(self):
        """Stars to show as a badge (3–5), or 0 when no badge may be shown."""
        certificate = self.ocop
        if certificate is not None and certificate.shows_badge:
            return certificate.stars
        return 0


class ProductGroupSet(models.Model):
    """A taxonomy of OCOP product groups, as set by one decision (e.g. 148/QĐ-TTg, 2023)."""

    code = models.SlugField(_("Code"), max_length=40, unique=True)
    name = models.CharField(_("Name"), max_length=200)
    decision = models.CharField(_("Decision"), max_length=100, blank=True)
    effective_from = models.DateField(_("Effective from"), null=True, blank=True)
    is_current = models.BooleanField(_("Current set"), default=False)

    class Meta:
        app_label = "catalogue"
        ordering = ["-effective_from", "code"]
        verbose_name = _("OCOP product group set")
        verbose_name_plural = _("OCOP product group sets")

    def __str__(self):
        return self.name


class ProductGroup(models.Model):
    """A product group (no parent) or sub-group (with a parent) of a set."""

    group_set = models.ForeignKey(
        ProductGroupSet, on_delete=models.CASCADE, related_name="groups", verbose_name=_("Set")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subgroups",
        verbose_name=_("Group"),
    )
    code = models.CharField(_("Code"), max_length=20)
    name = models.CharField(_("Name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("Name (English)"), max_length=200, blank=True)
    is_service = models.BooleanField(
        _("Service"), default=False, help_text=_("Services are not shipped.")
    )

    class Meta:
        app_label = "catalogue"
        ordering = ["group_set", "code"]
        constraints = [
            models.UniqueConstraint(fields=["group_set", "code"], name="unique_group_code_in_set")
        ]
        verbose_name = _("OCOP product group")
        verbose_name_plural = _("OCOP product groups")

    def __str__(self):
        return f"{self.code}. {self.display_name}"

    @property
    def display_name(self):
        from django.utils.translation import get_language

        if self.name_en and (get_language() or "vi").startswith("en"):
            return self.name_en
        return self.name

    @property
    def top_level(self):
        return self.parent if self.parent_id else self


class CertificateQuerySet(models.QuerySet):
    def badge_eligible(self, today=None):
        """Certificates that show a badge: verified, not revoked, not expired, 3+ stars."""
        today = today or timezone.localdate()
        return self.filter(
            stars__gte=CERTIFIED_MIN_STARS, verified=True, revoked=False, expires_on__gte=today
        )


class Certificate(models.Model):
    """The OCOP certificate a product currently holds; its past lives in ``events``."""

    class Level(models.TextChoices):
        DISTRICT = "district", _("District")
        PROVINCE = "province", _("Province")
        NATIONAL = "national", _("National")

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        EXPIRING = "expiring", _("Expiring soon")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")

    product = models.OneToOneField(
        "catalogue.Product",
        on_delete=models.CASCADE,
        related_name="ocop_certificate",
        verbose_name=_("Product"),
    )
    stars = models.PositiveSmallIntegerField(
        _("Stars"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    score = models.PositiveSmallIntegerField(
        _("Score (out of 100)"), validators=[MaxValueValidator(100)]
    )
    group = models.ForeignKey(
        ProductGroup,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("Product group"),
        limit_choices_to={"parent__isnull": True},
    )
    subgroup = models.ForeignKey(
        ProductGroup,
        on_delete=models.PROTECT,
        related_name="subgroup_certificates",
        verbose_name=_("Product sub-group"),
        null=True,
        blank=True,
        limit_choices_to={"parent__isnull": False},
    )
    level = models.CharField(_("Issuing level"), max_length=10, choices=Level.choices)
    issuer = models.CharField(_("Issuing body"), max_length=200)
    decision_number = models.CharField(_("Decision number"), max_length=100)
    decision_date = models.DateField(_("Decision date"))
    expires_on = models.DateField(
        _("Valid until"),
        blank=True,
        help_text=_("Leave empty for 36 months after the decision date."),
    )
    verified = models.BooleanField(
        _("Verified by staff"),
        default=True,
        help_text=_("Only verified certificates show a star badge."),
    )
    revoked = models.BooleanField(_("Revoked"), default=False)
    revoked_on = models.DateField(_("Revoked on"), null=True, blank=True)
    revocation_reason = models.CharField(_("Reason for revocation"), max_length=255, blank=True)
    date_created = models.DateTimeField(auto_now_add=True)
    date_updated = models.DateTimeField(auto_now=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        app_label = "catalogue"
        ordering = ["-decision_date"]
        verbose_name = _("OCOP certificate")
        verbose_name_plural = _("OCOP certificates")
        indexes = [models.Index(fields=["stars", "expires_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stars__gte=1, stars__lte=5), name="certificate_stars_1_to_5"
            ),
            models.CheckConstraint(
                condition=models.Q(score__lte=100), name="certificate_score_max_100"
            ),
        ]

    def __str__(self):
        return f"{self.product} — {self.stars}★ ({self.decision_number})"

    def clean(self):
        errors = {}
        if self.subgroup_id and self.group_id and self.subgroup.parent_id != self.group_id:
            errors["subgroup"] = _("The sub-group must belong to the chosen group.")
        if self.expires_on and self.decision_date and self.expires_on <= self.decision_date:
            errors["expires_on"] = _("The expiry date must be after the decision date.")
        if self.decision_date and self.decision_date > timezone.localdate():
            errors["decision_date"] = _("The decision date cannot be in the future.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, user=None, note="", **kwargs):
        """Save, and record in the history what this save changed (an upgrade is an event)."""
        if not self.expires_on and self.decision_date:
            self.expires_on = add_months(self.decision_date, CERTIFICATE_VALIDITY_MONTHS)
        if self.revoked and not self.revoked_on:
            self.revoked_on = timezone.localdate()
        if not self.revoked:
            self.revoked_on = None
        previous = None
        if self.pk:
            previous = (
                Certificate.objects.filter(pk=self.pk)
                .values("stars", "decision_number", "decision_date", "expires_on", "revoked")
                .first()
            )
        super().save(*args, **kwargs)
        kind = self._change_kind(previous)
        if kind:
            self.events.create(
                kind=kind,
                from_stars=previous["stars"] if previous else None,
                to_stars=self.stars,
                decision_number=self.decision_number,
                decision_date=self.decision_date,
                note=note
                or (self.revocation_reason if kind == CertificateEvent.Kind.REVOKED else ""),
                user=user,
            )

    def _change_kind(self, previous):
        Kind = CertificateEvent.Kind
        if previous is None:
            return Kind.ISSUED
        if self.revoked and not previous["revoked"]:
            return Kind.REVOKED
        if previous["revoked"] and not self.revoked:
            return Kind.REINSTATED
        if self.stars > previous["stars"]:
            return Kind.UPGRADED
        if self.stars < previous["stars"]:
            return Kind.DOWNGRADED
        if self.decision_number != previous["decision_number"] or (
            self.decision_date != previous["decision_date"]
        ):
            return Kind.RENEWED
        if self.expires_on != previous["expires_on"]:
            return Kind.AMENDED
        return None

    def status_on(self, today):
        if self.revoked:
            return self.Status.REVOKED
        if self.expires_on < today:
            return self.Status.EXPIRED
        if self.expires_on <= today + datetime.timedelta(days=EXPIRING_WITHIN_DAYS):
            return self.Status.EXPIRING
        return self.Status.VALID

    @property
    def status(self):
        return self.status_on(timezone.localdate())

    def get_status_display(self):
        return self.Status(self.status).label

    @property
    def is_certified(self):
        """Rated 3 stars or more, i.e. an OCOP-certified product."""
        return self.stars >= CERTIFIED_MIN_STARS

    @property
    def shows_badge(self):
        return (
            self.is_certified
            and self.verified
            and self.status in (self.Status.VALID, self.Status.EXPIRING)
        )


class CertificateEvent(models.Model):
    """One entry in a certificate's history: issued, upgraded, renewed, revoked…"""

    class Kind(models.TextChoices):
        ISSUED = "issued", _("Issued")
        UPGRADED = "upgraded", _("Upgraded")
        DOWNGRADED = "downgraded", _("Downgraded")
        RENEWED = "renewed", _("Renewed")
        AMENDED = "amended", _("Amended")
        REVOKED = "revoked", _("Revoked")
        REINSTATED = "reinstated", _("Reinstated")

    certificate = models.ForeignKey(
        Certificate, on_delete=models.CASCADE, related_name="events", verbose_name=_("Certificate")
    )
    kind = models.CharField(_("Event"), max_length=12, choices=Kind.choices)
    from_stars = models.PositiveSmallIntegerField(_("Stars before"), null=True, blank=True)
    to_stars = models.PositiveSmallIntegerField(_("Stars after"))
    decision_number = models.CharField(_("Decision number"), max_length=100, blank=True)
    decision_date = models.DateField(_("Decision date"), null=True, blank=True)
    note = models.CharField(_("Note"), max_length=255, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    date_created = models.DateTimeField(_("Recorded at"), default=timezone.now)

    class Meta:
        app_label = "catalogue"
        ordering = ["date_created", "pk"]
        verbose_name = _("OCOP certificate event")
        verbose_name_plural = _("OCOP certificate events")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.from_stars or '–'}→{self.to_stars}"


from oscar.apps.catalogue.models import *  # noqa: E402, F403
