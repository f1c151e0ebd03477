"""``check --deploy``: the public address must be a real https address in production."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

LOCAL_HOSTS = ("localhost", "127.", "0.0.0.0", "[::1]", "::1", "testserver")
PLACEHOLDER_DOMAINS = ("example.com", "example.org", "example.net")


@checks.register(checks.Tags.security, deploy=True)
def check_site_url(app_configs, **kwargs):
    if settings.DEBUG:
        return []
    parts = urlsplit(settings.SITE_URL)
    host = (parts.hostname or "").lower()
    problems = []
    if parts.scheme != "https":
        problems.append("does not start with https://")
    if not host or host.startswith(LOCAL_HOSTS) or host.endswith(".local"):
        problems.append("is a local address")
    if host.endswith(PLACEHOLDER_DOMAINS):
        problems.append("is an example address")
    if not problems:
        return []
    return [
        checks.Warning(
            f"SITE_URL ({settings.SITE_URL}) {' and '.join(problems)}: links in emails "
            "(password reset, orders, invitations) would not reach the shop.",
            hint="Set SITE_URL to the shop's public https address, e.g. https://cho-ocop.vn.",
            id="shop.site_url.W001",
        )
    ]
