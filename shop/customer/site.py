"""The shop's public address (``settings.SITE_URL``): the Site row follows it, and every
absolute link in an email starts with it."""

from urllib.parse import urlsplit

from django.conf import settings


def public_url(path=""):
    """``SITE_URL`` + ``path`` (an absolute path such as ``/accounts/``)."""
    return settings.SITE_URL + path


def site_domain():
    return urlsplit(settings.SITE_URL).netloc


def sync_site(**kwargs):
    """Bring the Site row (domain and name) in step with SITE_URL; run after each migrate."""
    from django.contrib.sites.models import Site

    defaults = {"domain": site_domain(), "name": settings.OSCAR_SHOP_NAME[:50]}
    site, created = Site.objects.get_or_create(pk=settings.SITE_ID, defaults=defaults)
    if not created and (site.domain, site.name) != (defaults["domain"], defaults["name"]):
        Site.objects.filter(pk=site.pk).update(**defaults)
    Site.objects.clear_cache()
