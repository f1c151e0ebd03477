"""Every response carries the browser security headers; the CSP allows no inline script.

Content-Security-Policy (scripts from the shop and the card provider only, the per-response
nonce for Oscar's page initialisation), Permissions-Policy, Referrer-Policy,
X-Content-Type-Options and Cross-Origin-Opener-Policy, on storefront, account, checkout,
dashboard, error, API and plain-text responses.
"""

import re

import pytest
from oscar.test import factories

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/en/",
    "/catalogue/",
    "/basket/",
    "/accounts/login/",
    "/checkout/",
    "/dashboard/login/",
    "/no-such-page/",
    "/api/schema/",
    "/api/products/",
    "/.well-known/security.txt",
]


def policy(response):
    """The Content-Security-Policy as {directive: [sources]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_headers(response):
    csp = policy(response)
    script_src = csp["script-src"]
    assert "'self'" in script_src
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert not any(s in ("*", "http:", "https:", "data:") for s in script_src)
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "usb"):
        assert f"{feature}=()" in permissions
    assert re.search(r'payment=\(self "https://js\.stripe\.com"\)', permissions)
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    return csp


@pytest.mark.parametrize("url", PAGES)
def test_every_page_carries_the_security_headers(client, url):
    response = client.get(url)

    assert response.status_code in (200, 302, 401, 403, 404), url
    assert_headers(response)


def test_signed_in_account_and_dashboard_pages_carry_the_security_headers(client):
    staff = factories.UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)

    for url in ("/accounts/", "/accounts/orders/", "/dashboard/", "/dashboard/orders/"):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert_headers(response)


def test_the_page_initialisation_script_carries_the_responses_nonce(client):
    response = client.get("/")
    html = response.content.decode()

    nonces = [s for s in policy(response)["script-src"] if s.startswith("'nonce-")]
    assert len(nonces) == 1
    nonce = nonces[0][len("'nonce-") : -1]
    scripts = re.findall(r"<script\b([^>]*)>", html)
    assert scripts
    for attrs in scripts:
        assert "src=" in attrs or f'nonce="{nonce}"' in attrs, attrs
    assert f'nonce="{nonce}"' in html
    # A new nonce for every response.
    assert nonce not in client.get("/")["Content-Security-Policy"]


def test_the_card_providers_origins_come_from_the_settings(client, settings):
    csp = policy(client.get("/"))
    assert "https://js.stripe.com" in csp["script-src"]
    assert {"https://js.stripe.com", "https://hooks.stripe.com"} <= set(csp["frame-src"])
    assert "https://api.stripe.com" in csp["connect-src"]

    settings.STRIPE_JS_URL = "http://127.0.0.1:8765/v3/"
    settings.STRIPE_API_BASE = "http://127.0.0.1:8765"
    csp = policy(client.get("/"))

    assert "http://127.0.0.1:8765" in csp["script-src"]
    assert "https://js.stripe.com" not in csp["script-src"]
    assert "http://127.0.0.1:8765" in csp["connect-src"]
    assert "https://api.stripe.com" not in csp["connect-src"]


def test_security_txt_says_where_to_report_a_problem(client, settings):
    settings.SECURITY_CONTACT_EMAIL = "security@shop.example.vn"
    settings.SITE_URL = "https://shop.example.vn"

    response = client.get("/.well-known/security.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"] == "mailto:security@shop.example.vn"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", fields["Expires"])
    assert fields["Canonical"] == "https://shop.example.vn/.well-known/security.txt"
    assert client.post("/.well-known/security.txt").status_code == 405
