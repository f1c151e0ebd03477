from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BundlesConfig(AppConfig):
    """Gift bundles: products made of other producers' products, and gift options at checkout."""

    name = "shop.bundles"
    label = "bundles"
    verbose_name = _("Gift bundles")
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        from . import receivers  # noqa: F401
