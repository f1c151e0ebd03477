"""A shopper's journey through the storefront in a real Chromium, on the demo catalogue.

home → catalogue → filter to 4 stars → product page (badge, certificate, producer link) →
producer page; and a search typed without tone marks. Every assertion is on what the page
shows.
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_home_to_four_star_product_to_its_producer(page, demo_data):
    page.goto("/")
    expect(page.locator("h1").first).to_be_visible()

    # Home → catalogue, through the main navigation.
    page.get_by_role(
        "link", name=re.compile("Danh mục sản phẩm|Xem danh mục sản phẩm")
    ).first.click()
    if "/catalogue/" not in page.url:
        page.goto("/catalogue/")
    # The 61 certified products of the demo and its 3 gift bundles.
    expect(page.locator("body")).to_contain_text("64 kết quả")

    # Filter to 4 stars: exactly the four 4-star products remain, each with a 4-star badge.
    page.locator("#ocop-filters input[name=stars][value='4']").check()
    page.locator("#ocop-filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"stars=4"))
    cards = page.locator("article.ocop-card")
    expect(cards).to_have_count(4)
    for index in range(4):
        expect(cards.nth(index).locator(".ocop-badge")).to_contain_text("★★★★")
    expect(page.locator("body")).to_contain_text("Mạch nha Thi Phổ")

    # Product page: badge, certificate details and the link to its producer.
    cards.filter(has_text="Mạch nha Thi Phổ").first.locator("h3 a").click()
    expect(page.locator("h1")).to_have_text("Mạch nha Thi Phổ")
    expect(page.locator(".product_main .ocop-badge, .ocop-badge").first).to_contain_text("★★★★")
    certificate = page.locator("#ocop-certificate")
    expect(certificate).to_contain_text("Giấy chứng nhận OCOP")
    expect(certificate).to_contain_text("/QĐ-UBND")
    expect(certificate).to_contain_text("UBND tỉnh Quảng Ngãi")
    expect(certificate).to_contain_text("Thực phẩm")
    expect(certificate).to_contain_text(re.compile(r"\d{2}/\d{2}/20\d{2}"))
    producer_link = page.locator("a.ocop-producer-link__name")
    expect(producer_link).to_have_text("Công ty TNHH Mạch nha Thi Phổ")

    # Producer page: story, locality and its certified products with badges.
    producer_link.click()
    expect(page.locator("h1")).to_contain_text("Công ty TNHH Mạch nha Thi Phổ")
    expect(page.locator("body")).to_contain_text("Mộ Đức")
    producer_cards = page.locator("article.ocop-card")
    expect(producer_cards.first).to_be_visible()
    assert producer_cards.count() >= 2
    expect(
        producer_cards.filter(has_text="Mạch nha Thi Phổ").first.locator(".ocop-badge")
    ).to_be_visible()

    assert page.external_requests == []


@pytest.mark.parametrize(
    ("typed", "expected_title"),
    [("toi ly son", "Tỏi Lý Sơn"), ("duong phen", "Đường phèn"), ("mach nha", "Mạch nha")],
)
def test_search_typed_without_tone_marks_finds_the_product(page, demo_data, typed, expected_title):
    page.goto("/")
    search = page.locator("input[name=q]").first
    search.fill(typed)
    search.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    titles = page.locator("article.ocop-card h3 a")
    expect(titles.first).to_be_visible()
    first_titles = [t.lower() for t in titles.all_inner_texts()[:3]]
    assert any(expected_title.lower() in title for title in first_titles), first_titles
    expect(page.locator("article.ocop-card .ocop-badge").first).to_be_visible()
    assert page.external_requests == []


def test_english_is_one_click_away(page, demo_data):
    page.goto("/catalogue/")
    expect(page.locator("body")).to_contain_text("Tất cả sản phẩm")
    page.get_by_role("button", name="English").first.click()
    expect(page.locator("body")).to_contain_text("All products")
    expect(page.locator("body")).to_contain_text("₫")
