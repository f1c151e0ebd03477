"""Sign-in lockout (django-axes): who a sign-in attempt is about, and the page when locked."""

from django.conf import settings
from django.shortcuts import render

from shop.core import ratelimit


def username_of(request, credentials):
    """The account an attempt targets, case-folded: "A@x.vn" and "a@x.vn" count together."""
    value = (credentials or {}).get("username") or (credentials or {}).get("email")
    if value is None and request is not None and hasattr(request, "POST"):
        post = request.POST
        value = post.get("username") or post.get("login-username") or post.get("email")
    return (value or "").strip().casefold()[:254] or None


def locked_out(request, original_response=None, credentials=None, *args, **kwargs):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = render(
        request,
        "oscar/customer/locked_out.html",
        {"cooloff_minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
    response["Retry-After"] = str(minutes * 60)
    return response


def client_ip(request):
    """The address counted for lockouts: the same one the rate limits count (None when the
    request has none, e.g. ``force_login`` in a shell)."""
    return request.META.get("REMOTE_ADDR") and ratelimit.client_ip(None, request)
