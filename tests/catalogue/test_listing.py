"""listing_queryset(): product cards with a constant number of SQL queries."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from oscar.apps.partner.strategy import Default
from oscar.core.loading import get_model

from catalogue_ext.listing import listing_queryset, producer_of
from tests.factories import ProducerFactory, ProductFactory, certified_product

pytestmark = pytest.mark.django_db
Basket = get_model("basket", "Basket")

CARDS = Template("{% load product_tags %}{% for p in products %}{% render_product p %}{% endfor %}")


def _render_cards(products):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    request.strategy = Default(request)
    request.session = {}
    request.basket = Basket()
    request.basket.strategy = request.strategy
    return CARDS.render(Context({"products": products, "request": request}))


def _queries_for_cards():
    _render_cards(list(listing_queryset()))  # warm the thumbnail cache
    with CaptureQueriesContext(connection) as ctx:
        html = _render_cards(list(listing_queryset()))
    return len(ctx.captured_queries), html


def test_excludes_non_public_products():
    certified_product(title="Tỏi Lý Sơn")
    ProductFactory(title="Ẩn", is_public=False)
    assert [p.title for p in listing_queryset()] == ["Tỏi Lý Sơn"]


def test_producer_of_uses_the_stock_record_partner():
    producer = ProducerFactory()
    certified_product(producer=producer)
    product = listing_queryset().get()
    assert producer_of(product) == producer


def test_card_queries_do_not_grow_with_products():
    producer = ProducerFactory()
    for n in range(5):
        certified_product(stars=3 + n % 2, producer=producer, title=f"Mật ong {n}")
    few, html = _queries_for_cards()
    assert html.count('class="ocop-badge ocop-badge--') == 5
    assert producer.get_absolute_url() in html
    assert "125.000" in html
    for n in range(45):
        certified_product(stars=3, title=f"Nước mắm {n}")
    many, html = _queries_for_cards()
    assert html.count("ocop-card__producer") == 50
    assert few == many
