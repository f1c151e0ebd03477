from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "shop.core"
    label = "ocop_core"
    verbose_name = _("Marketplace")

    def ready(self):
        from . import (
            checks,  # noqa: F401 (registers the system checks)
            security,  # noqa: F401 - registers the deploy checks
        )
