"""The browser infrastructure works: Chromium loads the home page from the live server."""

import pytest
from django.conf import settings
from playwright.sync_api import Error as PlaywrightError


def test_home_page_loads_with_shop_name_and_no_external_request(page):
    response = page.goto("/")

    assert response.status == 200
    assert settings.OSCAR_SHOP_NAME in page.title() + page.inner_text("body")
    page.wait_for_load_state("networkidle")
    assert page.external_requests == []


def test_static_files_are_served_by_the_live_server(page):
    page.goto("/")
    stylesheets = page.eval_on_selector_all(
        "link[rel=stylesheet]", "links => links.map(link => link.href)"
    )
    assert stylesheets, "the home page links no stylesheet"
    for href in stylesheets:
        assert page.request.get(href).status == 200, href


def test_a_request_to_another_host_is_blocked_and_recorded(page):
    page.goto("/")
    page.wait_for_load_state("networkidle")
    before = list(page.external_requests)

    # The shop's Content-Security-Policy stops a script's fetch to another host before it
    # leaves; the guard catches what the policy lets through, such as a navigation.
    with pytest.raises(PlaywrightError):
        page.goto("https://cdn.example.com/lib.js")

    assert page.external_requests == [*before, "https://cdn.example.com/lib.js"]


def test_media_files_are_served_by_the_live_server(page, settings):
    media = settings.MEDIA_ROOT / "products"
    media.mkdir(parents=True)
    (media / "sample.txt").write_bytes("Tỏi Lý Sơn".encode())

    response = page.request.get("/media/products/sample.txt")

    assert response.status == 200
    assert response.text() == "Tỏi Lý Sơn"


def test_rows_from_data_migrations_survive_earlier_browser_tests(page):
    """Live-server tests flush the database; serialized rollback must restore migration data."""
    from oscar.core.loading import get_model

    ProductGroupSet = get_model("catalogue", "ProductGroupSet")

    assert ProductGroupSet.objects.filter(code="qd-148-2023").exists()
