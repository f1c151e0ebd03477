"""Showrooms: the points that present and sell OCOP products in person."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ShowroomQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Showroom(models.Model):
    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(_("Slug"), max_length=120, unique=True)
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
    street_address = models.CharField(_("Street address"), max_length=255)
    phone = models.CharField(_("Phone"), max_length=20, blank=True)
    opening_hours = models.CharField(_("Opening hours"), max_length=120, blank=True)
    operator = models.CharField(_("Run by"), max_length=200, blank=True)
    is_active = models.BooleanField(_("Open"), default=True)

    objects = ShowroomQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("Showroom")
        verbose_name_plural = _("Showrooms")

    def __str__(self):
        return self.name

    @property
    def address_display(self):
        parts = [self.street_address] + [
            unit.name for unit in (self.commune, self.district, self.province) if unit
        ]
        return ", ".join(p for p in parts if p)
