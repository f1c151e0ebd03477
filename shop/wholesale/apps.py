from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WholesaleConfig(AppConfig):
    name = "shop.wholesale"
    label = "wholesale"
    verbose_name = _("Wholesale")

    def ready(self):
        from . import receivers  # noqa: F401
