"""Vietnam's administrative units, loaded from the ``vietnam-provinces`` package.

Two schemes coexist: the tree in force until 30 June 2025 (province → district → commune)
and the one in force from 1 July 2025 (province → commune-level unit, no districts). Every
unit says which scheme it belongs to.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Scheme(models.TextChoices):
    PRE_2025 = "pre2025", _("Before 1 July 2025 (province → district → commune)")
    FROM_2025 = "2025", _("From 1 July 2025 (province → commune)")


class Level(models.TextChoices):
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")


DIVISION_PREFIXES = (
    "Thành phố ",
    "Thị xã ",
    "Thị trấn ",
    "Huyện ",
    "Quận ",
    "Tỉnh ",
    "Phường ",
    "Xã ",
    "Đặc khu ",
)


class AdministrativeUnitQuerySet(models.QuerySet):
    def provinces(self):
        return self.filter(level=Level.PROVINCE)

    def districts(self):
        return self.filter(level=Level.DISTRICT)

    def communes(self):
        return self.filter(level=Level.COMMUNE)


class AdministrativeUnit(models.Model):
    scheme = models.CharField(_("Scheme"), max_length=8, choices=Scheme.choices)
    level = models.CharField(_("Level"), max_length=8, choices=Level.choices)
    code = models.PositiveIntegerField(_("Official code"))
    name = models.CharField(_("Name"), max_length=120)
    division_type = models.CharField(_("Division type"), max_length=40, blank=True)
    codename = models.CharField(_("Code name"), max_length=120, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("Parent unit"),
    )
    province = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Province"),
        help_text=_("The province this unit lies in (itself for a province)."),
    )

    objects = AdministrativeUnitQuerySet.as_manager()

    class Meta:
        ordering = ["scheme", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "level", "code"], name="unique_unit_code_per_scheme_level"
            )
        ]
        indexes = [models.Index(fields=["scheme", "level", "province"])]
        verbose_name = _("Administrative unit")
        verbose_name_plural = _("Administrative units")

    def __str__(self):
        return self.name

    @property
    def short_name(self):
        """The name without its division type ("Huyện Mộ Đức" → "Mộ Đức")."""
        for prefix in DIVISION_PREFIXES:
            if self.name.startswith(prefix):
                return self.name[len(prefix) :]
        return self.name


class AddressUnits(models.Model):
    """The administrative units of an address, by official code, beside their names.

    Names go on the address lines for display and printing; codes identify the units for
    delivery partners and statistics even after a unit is renamed or merged.
    """

    region_scheme = models.CharField(_("Scheme"), max_length=8, choices=Scheme.choices, blank=True)
    province_code = models.PositiveIntegerField(_("Province code"), null=True, blank=True)
    district_code = models.PositiveIntegerField(_("District code"), null=True, blank=True)
    commune_code = models.PositiveIntegerField(_("Commune code"), null=True, blank=True)

    class Meta:
        abstract = True

    def active_address_fields(self):
        """The address lines for display, each once: the city line and the state both hold
        the province where there is no separate city."""
        return list(dict.fromkeys(super().active_address_fields()))

    @property
    def place_lines(self):
        """The address lines without the person's name (shown apart from it)."""
        lines = self.active_address_fields()
        if lines and lines[0] == self.salutation:
            lines = lines[1:]
        return lines

    @property
    def place_summary(self):
        return ", ".join(self.place_lines)

    def set_units(self, province, district=None, commune=None):
        self.region_scheme = province.scheme
        self.province_code = province.code
        self.district_code = district.code if district else None
        self.commune_code = commune.code if commune else None
