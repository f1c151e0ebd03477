"""Browser-facing security: the Content-Security-Policy's payment sources and security.txt.

The policy itself is the ``CONTENT_SECURITY_POLICY`` setting. The card payment provider's
origins are added here, per response, from ``STRIPE_JS_URL`` and ``STRIPE_API_BASE``, so that
the policy always names the Stripe.js the pages load (the real one, or a local stand-in).
"""

from datetime import timedelta
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

STRIPE_API = "https://api.stripe.com"
# Stripe's 3-D Secure and redirect pages open in frames served from here.
STRIPE_HOOKS = "https://hooks.stripe.com"


def origin(url):
    """``scheme://host[:port]`` of ``url``, or "" when it has none."""
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def payment_sources():
    """CSP sources the card payment provider needs, from the current settings."""
    js = origin(settings.STRIPE_JS_URL)
    api = origin(settings.STRIPE_API_BASE) or STRIPE_API
    sources = {
        "script-src": [js],
        "frame-src": [js, STRIPE_HOOKS],
        "connect-src": [api],
    }
    return {name: [s for s in values if s] for name, values in sources.items()}


class PaymentAwareCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, the payment provider's origins added to every policy."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only:
            update = {name: list(values) for name, values in payment_sources().items()}
            for name, values in (parts.update or {}).items():
                update.setdefault(name, [])
                update[name] += values if isinstance(values, list | tuple) else [values]
            parts.update = update
        return parts


@require_safe
@cache_control(max_age=24 * 60 * 60)
def security_txt(request):
    """RFC 9116 ``/.well-known/security.txt``: where to report a security problem."""
    expires = (timezone.now() + timedelta(days=180)).replace(microsecond=0)
    lines = [
        f"Contact: mailto:{settings.SECURITY_CONTACT_EMAIL}",
        f"Expires: {expires.isoformat().replace('+00:00', 'Z')}",
        "Preferred-Languages: vi, en",
    ]
    site_url = getattr(settings, "SITE_URL", "")
    if site_url:
        lines.append(f"Canonical: {site_url.rstrip('/')}/.well-known/security.txt")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
