"""Browser fixtures: Playwright driving Debian's Chromium against pytest-django's live server.

``page`` opens a fresh browser context per test with ``base_url`` set to the live server, so
tests write ``page.goto("/")``. Every request to a host other than the live server is blocked
and recorded in ``page.external_requests``: a test asserts the list is empty to prove that no
request left the machine.

The live server serves static files through Django's staticfiles finders (pytest-django uses
``StaticFilesHandler`` when ``django.contrib.staticfiles`` is installed) and media files
through the project's own ``/media/`` route (``SERVE_MEDIA``).
"""

import os
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest

from tests.conftest import CHROMIUM, _browser_missing, require_service

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser(django_db_setup):
    missing = _browser_missing()
    require_service(missing is None, missing)
    from django.db import connections
    from playwright.sync_api import sync_playwright

    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        # Playwright's sync API keeps an asyncio loop running in this thread. From here on
        # Django keeps its connections per async context, so tests get new connection objects
        # that lack the database contents saved at set-up, which serialized rollback restores
        # (rows made by data migrations, e.g. the OCOP product groups). Carry them over.
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@contextmanager
def guarded_page(browser, base_url, *other_hosts):
    """A new page in a new browser context at ``base_url``.

    Every request to a host other than ``base_url``'s (and ``other_hosts``) is blocked and
    recorded in ``page.external_requests``.
    """
    allowed = {urlsplit(base_url).netloc, *(urlsplit(url).netloc for url in other_hosts)}
    external_requests = []

    def guard(route):
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc not in allowed:
            external_requests.append(url)
            route.abort("blockedbyclient")
        else:
            route.continue_()

    context = browser.new_context(base_url=base_url, locale="vi-VN")
    context.route("**/*", guard)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    tab.external_requests = external_requests
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture
def page(browser, live_server, django_db_serialized_rollback):
    """A new page in a new browser context, pointed at the live server.

    Serialized rollback keeps the rows that data migrations create (e.g. the OCOP product
    groups) across the database flushes that live-server tests need.
    """
    with guarded_page(browser, live_server.url) as tab:
        yield tab


@pytest.fixture
def stripe_page(browser, live_server, django_db_serialized_rollback, fake_stripe):
    """A page that may reach the live server and the fake Stripe, nothing else.

    The fake Stripe posts its signed webhooks to the live server.
    """
    fake_stripe.webhook_url = f"{live_server.url}/payments/stripe/webhook/"
    with guarded_page(browser, live_server.url, fake_stripe.url) as tab:
        yield tab
