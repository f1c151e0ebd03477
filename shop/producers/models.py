"""OCOP producers ("chủ thể OCOP"): an Oscar partner plus its public profile."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from oscar.core.utils import slugify

tax_code_validator = RegexValidator(
    r"^\d{10}(-\d{3})?$",
    _("A tax code (mã số thuế) has 10 digits, or 10 digits, a dash and 3 digits."),
)


class LegalType(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    COOPERATIVE = "cooperative", _("Cooperative")
    HOUSEHOLD = "household", _("Production establishment / household business")


class ProducerQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)


class Producer(models.Model):
    partner = models.OneToOneField(
        "partner.Partner",
        on_delete=models.CASCADE,
        related_name="producer",
        verbose_name=_("Partner"),
    )
    slug = models.SlugField(_("Slug"), max_length=140, unique=True)
    legal_type = models.CharField(_("Legal type"), max_length=12, choices=LegalType.choices)
    tax_code = models.CharField(
        _("Tax code"), max_length=14, blank=True, validators=[tax_code_validator]
    )
    province = models.ForeignKey(
        "regions.AdministrativeUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Province"),
        limit_choices_to={"level": "province"},
    )
    district = models.ForeignKey(
        "regions.AdministrativeUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("District"),
        null=True,
        blank=True,
        limit_choices_to={"level": "district"},
    )
    commune = models.ForeignKey(
        "regions.AdministrativeUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Commune"),
        null=True,
        blank=True,
        limit_choices_to={"level": "commune"},
    )
    street_address = models.CharField(_("Street address"), max_length=255, blank=True)
    story = models.TextField(_("Story"), blank=True)
    story_en = models.TextField(_("Story (English)"), blank=True)
    logo = models.ImageField(_("Logo"), upload_to="producers/logos/", blank=True)
    representative = models.CharField(_("Representative"), max_length=120, blank=True)
    phone = models.CharField(_("Phone"), max_length=20, blank=True)
    email = models.EmailField(_("Email"), blank=True)
    website = models.URLField(_("Website"), blank=True)
    founded_year = models.PositiveSmallIntegerField(_("Founded"), null=True, blank=True)
    verified = models.BooleanField(_("Verified by the OCOP office"), default=False)
    is_public = models.BooleanField(_("Shown publicly"), default=True)
    date_created = models.DateTimeField(auto_now_add=True)
    date_updated = models.DateTimeField(auto_now=True)

    objects = ProducerQuerySet.as_manager()

    class Meta:
        ordering = ["partner__name"]
        verbose_name = _("Producer")
        verbose_name_plural = _("Producers")
        indexes = [models.Index(fields=["legal_type"])]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.partner.name

    @property
    def users(self):
        """The users who act for this producer (Oscar's partner users)."""
        return self.partner.users

    @property
    def scheme(self):
        return self.province.scheme if self.province_id else None

    def locality_parts(self):
        return [unit for unit in (self.commune, self.district, self.province) if unit]

    @property
    def locality_display(self):
        return ", ".join(unit.name for unit in self.locality_parts())

    def get_absolute_url(self):
        return reverse("producers:detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        scheme = self.province.scheme if self.province_id else None
        for field in ("district", "commune"):
            unit = getattr(self, field)
            if unit is not None and scheme and unit.scheme != scheme:
                errors[field] = _("All parts of the locality must use the same scheme.")
        if self.district_id and self.district.province_id != self.province_id:
            errors["district"] = _("This district is not in the chosen province.")
        if self.commune_id:
            expected_parent = self.district_id or self.province_id
            if self.commune.parent_id != expected_parent:
                errors["commune"] = _("This commune is not in the chosen district or province.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.slug:
            base = slugify(self.partner.name)[:120] or "producer"
            slug, n = base, 2
            while Producer.objects.filter(slug=slug).exclude(pk=self.pk).exists():
                slug, n = f"{base}-{n}", n + 1
            self.slug = slug
        super().save(*args, **kwargs)


class ProducerPhoto(models.Model):
    producer = models.ForeignKey(
        Producer, on_delete=models.CASCADE, related_name="photos", verbose_name=_("Producer")
    )
    image = models.ImageField(_("Image"), upload_to="producers/photos/")
    caption = models.CharField(_("Caption"), max_length=200, blank=True)
    display_order = models.PositiveSmallIntegerField(_("Display order"), default=0)

    class Meta:
        ordering = ["display_order", "pk"]
        verbose_name = _("Producer photo")
        verbose_name_plural = _("Producer photos")

    def __str__(self):
        return self.caption or self.image.name
