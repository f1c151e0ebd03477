"""Prices are VND in whole dong, Vietnamese style, in both languages: "125.000 ₫"."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.factories import certified_product

NBSP = "\u00a0"


def render_price(amount, language):
    template = Template("{% load currency_filters %}{{ amount|currency }}")
    with translation.override(language):
        return template.render(Context({"amount": amount}))


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(
    "amount, expected",
    [
        (Decimal("125000"), "125.000 ₫"),
        (Decimal("125000.00"), "125.000 ₫"),
        (Decimal("1250000"), "1.250.000 ₫"),
        (Decimal("65000"), "65.000 ₫"),
        (Decimal("0"), "0 ₫"),
    ],
)
def test_currency_filter_shows_whole_dong(language, amount, expected):
    rendered = render_price(amount, language)
    assert rendered.replace(NBSP, " ") == expected
    assert NBSP in rendered  # the amount and the symbol never wrap apart


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_product_page_and_card_show_vnd(client, prefix):
    product = certified_product(stars=4, price=Decimal("125000"), title="Mạch nha Thi Phổ")
    for url in (product.get_absolute_url(), "/catalogue/", "/"):
        html = client.get(prefix + url).content.decode()
        assert f"125.000{NBSP}₫" in html, prefix + url
        assert "125,000" not in html and "₫125" not in html
