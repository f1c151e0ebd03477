"""The number of SQL queries of listing pages and the product page does not grow with the
number of products shown (measured at 5 and at 50 products)."""

import io
import json

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model
from PIL import Image

from tests.factories import (
    CommuneFactory,
    DistrictFactory,
    ProducerFactory,
    certified_product,
)

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
ProductRecommendation = get_model("catalogue", "ProductRecommendation")


def _jpeg(color):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="anh.jpg")


class Shop:
    """Adds certified products, each with its own producer, locality and image."""

    def __init__(self):
        self.category = Category.add_root(name="Đặc sản", slug="dac-san", is_public=True)
        self.products = []
        self.main = certified_product(stars=4, title="Tỏi Lý Sơn đặc biệt")

    def grow_to(self, count):
        while len(self.products) < count:
            n = len(self.products)
            district = DistrictFactory()
            producer = ProducerFactory(
                legal_type=["enterprise", "cooperative", "household"][n % 3],
                commune=CommuneFactory(parent=district),
            )
            product = certified_product(stars=3 + n % 3, producer=producer, title=f"Tỏi Lý Sơn {n}")
            ProductImage.objects.create(
                product=product, original=_jpeg((n * 5 % 255, 80, 120)), display_order=0
            )
            ProductCategory.objects.create(product=product, category=self.category)
            ProductRecommendation.objects.create(
                primary=self.main, recommendation=product, ranking=n
            )
            self.products.append(product)


def _count(client, url, params=None, expect=None):
    client.get(url, params)  # warm caches (thumbnails, site, …)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    html = response.content.decode()
    if expect is not None:
        assert html.count('class="product_pod ocop-card"') == expect
    return len(ctx.captured_queries), html


@pytest.fixture
def shop(settings):
    settings.OSCAR_PRODUCTS_PER_PAGE = 60
    return Shop()


PAGES = {
    "catalogue": lambda shop: (reverse("catalogue:index"), None),
    "filtered catalogue": lambda shop: (
        reverse("catalogue:index"),
        {"stars": ["3", "4", "5"], "in_stock": "1", "price_min": "1000", "sort_by": "price-asc"},
    ),
    "category": lambda shop: (shop.category.get_absolute_url(), None),
    "search": lambda shop: (reverse("search:search"), {"q": "toi ly son"}),
    "search by price": lambda shop: (
        reverse("search:search"),
        {"q": "toi", "sort_by": "price-desc", "producer_type": "household"},
    ),
}


@pytest.mark.parametrize("page", PAGES)
def test_listing_queries_do_not_grow_with_products(client, shop, page):
    url, params = PAGES[page](shop)
    shop.grow_to(5)
    few, html = _count(client, url, params)
    assert "ocop-badge--" in html
    shop.grow_to(50)
    many, html = _count(client, url, params)
    assert html.count('class="product_pod ocop-card"') >= 16
    assert few == many, f"{page}: {few} queries for 5 products, {many} for 50"


def test_product_page_queries_do_not_grow_with_products(client, shop):
    url = shop.main.get_absolute_url()
    shop.grow_to(5)
    client.cookies["oscar_history"] = json.dumps([p.pk for p in shop.products])
    few, html = _count(client, url)
    assert html.count('class="product_pod ocop-card"') == 5 + 5  # recommended + viewed
    shop.grow_to(50)
    client.cookies["oscar_history"] = json.dumps([p.pk for p in shop.products])
    many, html = _count(client, url)
    assert html.count('class="product_pod ocop-card"') == 6 + 6
    assert few == many, f"product page: {few} queries with 5 products around, {many} with 50"
