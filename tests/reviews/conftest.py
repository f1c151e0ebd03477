import uuid

import pytest


@pytest.fixture(autouse=True)
def _own_rate_limit_counters(settings):
    """Each test counts review and vote attempts in a fresh cache of its own."""
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit-tests": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"ratelimit-{uuid.uuid4().hex}",
        },
    }
    settings.RATELIMIT_USE_CACHE = "ratelimit-tests"
