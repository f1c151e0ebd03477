"""Template context shared by every page of the storefront."""

import re

from django.conf import settings
from django.urls import reverse


def storefront(request):
    """``homepage_url`` in the current language (Oscar's is a fixed setting) and
    ``language_switch_next``: the current address without its language prefix, which
    Django's ``set_language`` view turns into the address in the chosen language."""
    path = request.path
    prefixes = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
    neutral = re.sub(rf"^/({prefixes})/", "/", path)
    query = request.META.get("QUERY_STRING", "")
    return {
        "homepage_url": reverse("home"),
        "language_switch_next": f"{neutral}?{query}" if query else neutral,
    }
