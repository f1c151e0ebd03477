"""System checks of the shop's own settings."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register


@register()
def private_files_are_not_public(app_configs, **kwargs):
    """PRIVATE_MEDIA_ROOT must not lie inside MEDIA_ROOT, which /media/ serves to anyone."""
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    public = Path(settings.MEDIA_ROOT).resolve()
    if private == public or public in private.parents:
        return [
            Error(
                "PRIVATE_MEDIA_ROOT is inside MEDIA_ROOT: private uploads would be public.",
                hint="Set PRIVATE_MEDIA_ROOT to a folder outside MEDIA_ROOT.",
                id="ocop.E001",
            )
        ]
    return []
