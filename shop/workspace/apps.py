from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    name = "shop.workspace"
    label = "workspace"
    verbose_name = _("Producer workspace")

    def ready(self):
        from . import receivers  # noqa: F401
