"""One-row settings that staff edit in the dashboard (payment options, bundle rules)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffSettings(models.Model):
    """A single row (pk 1), created on first use from ``initial_values()`` (the environment's
    starting values); once staff save it, the stored values win."""

    updated = models.DateTimeField(_("Updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def initial_values(cls):
        return {}

    @classmethod
    def current(cls):
        obj, _created = cls.objects.get_or_create(pk=1, defaults=cls.initial_values())
        return obj
