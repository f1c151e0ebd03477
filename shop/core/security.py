"""Browser-facing security: the Content-Security-Policy's payment sources and security.txt.

The policy itself is the ``CONTENT_SECURITY_POLICY`` setting. The card payment provider's
origins are added here, per response, from ``STRIPE_JS_URL`` and ``STRIPE_API_BASE``, so that
the policy always names the Stripe.js the pages load (the real one, or a local stand-in).
"""

from datetime import timedelta
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.checks import Tags, Warning, register
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


UNSAFE_SCRIPT_SOURCES = ("'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:", "data:")


@register(Tags.security, deploy=True)
def check_browser_security(app_configs=None, **kwargs):
    """Production: scripts stay locked down and security reports reach a real mailbox."""
    warnings = []
    directives = (getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}).get("DIRECTIVES", {})
    script_src = directives.get("script-src") or directives.get("default-src") or []
    unsafe = [source for source in script_src if source in UNSAFE_SCRIPT_SOURCES]
    if not script_src or unsafe:
        warnings.append(
            Warning(
                "The Content-Security-Policy lets pages run scripts from anywhere or inline "
                f"({', '.join(unsafe) or 'no script-src'}).",
                hint="Keep script-src to 'self', the nonce and the card provider.",
                id="ocop.W101",
            )
        )
    contact = getattr(settings, "SECURITY_CONTACT_EMAIL", "")
    domain = contact.rpartition("@")[2].lower()
    if "@" not in contact or domain.endswith((".local", ".localhost", ".test", ".example")):
        warnings.append(
            Warning(
                f"SECURITY_CONTACT_EMAIL ({contact or 'empty'}) is not a real mailbox.",
                hint="Set SECURITY_CONTACT_EMAIL to security@ at the shop's domain.",
                id="ocop.W102",
            )
        )
    return warnings


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
