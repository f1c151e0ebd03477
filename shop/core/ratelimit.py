"""Rate limits shared by the shop's views: a ``limit`` decorator and DRF throttles.

Counters live in the ``ratelimit`` cache (Redis in production). When Redis cannot be reached,
the counters fall back to this process's memory instead of failing the request (no 500) or
letting every request through: limits still hold per process until Redis is back.

Rates come from ``settings.RATE_LIMITS`` (name → "count/period", e.g. "5/h"), read on each
request. A refused request gets the shop's 429 page (``429.html``) with a Retry-After header.
"""

from __future__ import annotations

import logging
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django_ratelimit import ALL
from django_ratelimit.core import _split_rate, is_ratelimited
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError
from rest_framework import throttling

logger = logging.getLogger(__name__)
CACHE_ALIAS = "ratelimit"
REDIS_ERRORS = (RedisError, ConnectionInterrupted, OSError)


class RedisWithLocalFallback(RedisCache):
    """django-redis, counting in local memory while Redis is unreachable."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._local = LocMemCache(f"ratelimit-fallback-{server}", {"TIMEOUT": None})

    def _either(self, name, *args, **kwargs):
        try:
            return getattr(super(), name)(*args, **kwargs)
        except REDIS_ERRORS as exc:
            logger.warning("Rate-limit cache unreachable, counting locally: %s", exc)
            return getattr(self._local, name)(*args, **kwargs)

    def add(self, *args, **kwargs):
        return self._either("add", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._either("incr", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._either("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._either("set", *args, **kwargs)


def rate_of(name):
    return settings.RATE_LIMITS[name]


def client_ip(group, request):
    return request.META.get("REMOTE_ADDR") or "unknown"


def post_field(field):
    """A key on a submitted field (case-folded, trimmed): e.g. the email an action targets."""

    def key(group, request):
        value = request.POST.get(field, "")
        return value.strip().casefold()[:254] or None

    return key


def user_or_ip(group, request):
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"ip:{client_ip(group, request)}"


def too_many_requests(request, name=None):
    retry_after = _split_rate(rate_of(name))[1] if name else 3600
    response = render(request, "429.html", {"retry_minutes": max(1, retry_after // 60)}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def is_limited(request, name, key):
    """Count this request against ``name`` for ``key``; True once over the rate."""
    if callable(key):
        value = key(name, request)
        if value is None:
            return False
        key = lambda group, request: value  # noqa: E731
    return is_ratelimited(
        request,
        group=f"ocop:{name}",
        key=key,
        rate=lambda group, request: rate_of(name),
        method=ALL,
        increment=True,
    )


def limit(name, keys=(client_ip,), methods=("POST",), when=None):
    """Refuse (429) a view's ``methods`` requests beyond ``RATE_LIMITS[name]`` per key.

    Each key (a function of (group, request), or "ip", "user_or_ip", "post:<field>") counts
    separately: e.g. per address and per targeted email. ``when(request)`` narrows the
    requests counted (e.g. only the registration form of a two-form page).
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods and (when is None or when(request)):
                limited = [is_limited(request, name, _key(k)) for k in keys]
                if any(limited):
                    return too_many_requests(request, name)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def limit_class(name, **kwargs):
    """``limit`` for a class-based view's dispatch."""
    return method_decorator(limit(name, **kwargs), name="dispatch")


def _key(k):
    if k == "ip":
        return client_ip
    if k == "user_or_ip":
        return user_or_ip
    if isinstance(k, str) and k.startswith("post:"):
        return post_field(k[5:])
    return k


# --- The API (Django REST framework) ------------------------------------------------------


class _SharedCache:
    """DRF's throttles on the rate-limit cache, under the same key prefix."""

    @property
    def cache(self):
        return caches[CACHE_ALIAS]

    @property
    def cache_format(self):
        prefix = getattr(settings, "RATELIMIT_CACHE_PREFIX", "rl:")
        return prefix + "throttle_%(scope)s_%(ident)s"


class AnonThrottle(_SharedCache, throttling.AnonRateThrottle):
    def get_rate(self):
        return rate_of("api_anon")


class UserThrottle(_SharedCache, throttling.UserRateThrottle):
    def get_rate(self):
        return rate_of("api_user")
