"""Catalogue and category pages: database-backed, filtered, sorted, paginated."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from oscar.core.loading import get_model

from shop.search.forms import PRICE_ERRORS, PRICE_RANGE_ERROR
from tests.factories import (
    CommuneFactory,
    DistrictFactory,
    ProducerFactory,
    ProductFactory,
    ProductGroupFactory,
    StockRecordFactory,
    certified_product,
)

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")
CATALOGUE = reverse("catalogue:index")


def card_titles(response):
    """Titles of the product cards on a listing page, in order."""
    html = response.content.decode()
    return re.findall(r'<h3 class="mt-3">\s*<a href="[^"]*" title="([^"]*)"', html)


def producer_in(district_name, legal_type="cooperative"):
    district = DistrictFactory(name=district_name)
    return ProducerFactory(legal_type=legal_type, commune=CommuneFactory(parent=district))


@pytest.fixture
def catalogue():
    """A small Quảng Ngãi catalogue covering every filter."""
    mo_duc = producer_in("Huyện Mộ Đức", "enterprise")
    ly_son = producer_in("Huyện Lý Sơn", "household")
    tra_bong = producer_in("Huyện Trà Bồng", "cooperative")
    food = ProductGroupFactory(code="1", name="Thực phẩm")
    drinks = ProductGroupFactory(code="2", name="Đồ uống")
    products = {
        "malt": certified_product(
            stars=4, producer=mo_duc, price=Decimal("85000"), title="Mạch nha Thi Phổ"
        ),
        "garlic": certified_product(
            stars=3, producer=ly_son, price=Decimal("250000"), title="Tỏi Lý Sơn"
        ),
        "cinnamon_tea": certified_product(
            stars=3, producer=tra_bong, price=Decimal("60000"), title="Trà quế Trà Bồng"
        ),
        "wine": certified_product(
            stars=5, producer=tra_bong, price=Decimal("320000"), title="Rượu quế Trà Bồng"
        ),
    }
    for key in ("malt", "garlic"):
        cert = products[key].ocop
        cert.group = food
        cert.save()
    for key in ("cinnamon_tea", "wine"):
        cert = products[key].ocop
        cert.group = drinks
        cert.save()
    wine_stock = products["wine"].stockrecords.get()
    wine_stock.num_in_stock = 0
    wine_stock.save()
    return products


def test_fresh_catalogue_lists_products(client, catalogue):
    response = client.get(CATALOGUE)
    assert response.status_code == 200
    assert sorted(card_titles(response)) == sorted(p.title for p in catalogue.values())
    assert "No products found" not in response.content.decode()
    assert response.context["summary"]
    assert response.context["paginator"].count == 4
    assert list(response.context["page_obj"].object_list) == list(response.context["products"])


def test_catalogue_hides_non_public_products(client, catalogue):
    ProductFactory(title="Sản phẩm nháp", is_public=False)
    assert "Sản phẩm nháp" not in card_titles(client.get(CATALOGUE))


def test_default_order_is_most_stars_first(client, catalogue):
    titles = card_titles(client.get(CATALOGUE))
    assert titles[0] == "Rượu quế Trà Bồng"
    assert titles[1] == "Mạch nha Thi Phổ"


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"stars": "4"}, {"Mạch nha Thi Phổ"}),
        ({"stars": ["4", "5"]}, {"Mạch nha Thi Phổ", "Rượu quế Trà Bồng"}),
        ({"stars": "3"}, {"Tỏi Lý Sơn", "Trà quế Trà Bồng"}),
        ({"group": "2"}, {"Trà quế Trà Bồng", "Rượu quế Trà Bồng"}),
        ({"producer_type": "household"}, {"Tỏi Lý Sơn"}),
        ({"producer_type": "cooperative"}, {"Trà quế Trà Bồng", "Rượu quế Trà Bồng"}),
        ({"price_min": "80000", "price_max": "260000"}, {"Mạch nha Thi Phổ", "Tỏi Lý Sơn"}),
        ({"price_max": "60000"}, {"Trà quế Trà Bồng"}),
        ({"in_stock": "on"}, {"Mạch nha Thi Phổ", "Tỏi Lý Sơn", "Trà quế Trà Bồng"}),
        ({"group": "2", "in_stock": "on"}, {"Trà quế Trà Bồng"}),
        ({"stars": "3", "group": "1", "producer_type": "household"}, {"Tỏi Lý Sơn"}),
    ],
)
def test_filters(client, catalogue, params, expected):
    response = client.get(CATALOGUE, params)
    assert response.status_code == 200
    assert set(card_titles(response)) == expected


def test_district_filter_lists_the_provinces_districts(client, catalogue):
    response = client.get(CATALOGUE)
    html = response.content.decode()
    assert ">Mộ Đức</option>" in html and ">Lý Sơn</option>" in html
    ly_son = catalogue["garlic"].stockrecords.get().partner.producer.district
    response = client.get(CATALOGUE, {"district": ly_son.code})
    assert card_titles(response) == ["Tỏi Lý Sơn"]


def test_star_filter_ignores_expired_revoked_and_unverified_certificates(client, catalogue):
    cert = catalogue["malt"].ocop
    cert.expires_on = timezone.localdate() - datetime.timedelta(days=1)
    cert.save()
    assert card_titles(client.get(CATALOGUE, {"stars": "4"})) == []
    cert.expires_on = timezone.localdate() + datetime.timedelta(days=400)
    cert.revoked = True
    cert.save()
    assert card_titles(client.get(CATALOGUE, {"stars": "4"})) == []
    cert.revoked = False
    cert.verified = False
    cert.save()
    assert card_titles(client.get(CATALOGUE, {"stars": "4"})) == []
    cert.verified = True
    cert.save()
    assert card_titles(client.get(CATALOGUE, {"stars": "4"})) == ["Mạch nha Thi Phổ"]


def test_services_count_as_in_stock(client, catalogue):
    producer = ProducerFactory()
    service_group = ProductGroupFactory(code="6", name="Dịch vụ du lịch", is_service=True)
    tour = certified_product(producer=producer, title="Du lịch cộng đồng Làng Rêu")
    cert = tour.ocop
    cert.group = service_group
    cert.save()
    stock = tour.stockrecords.get()
    stock.num_in_stock = 0
    stock.save()
    assert "Du lịch cộng đồng Làng Rêu" in card_titles(client.get(CATALOGUE, {"in_stock": "1"}))


def test_allocated_stock_is_not_in_stock(client, catalogue):
    stock = catalogue["garlic"].stockrecords.get()
    stock.num_allocated = stock.num_in_stock
    stock.save()
    assert "Tỏi Lý Sơn" not in card_titles(client.get(CATALOGUE, {"in_stock": "on"}))


@pytest.mark.parametrize(
    "sort_by, expected_first, expected_last",
    [
        ("price-asc", "Trà quế Trà Bồng", "Rượu quế Trà Bồng"),
        ("price-desc", "Rượu quế Trà Bồng", "Trà quế Trà Bồng"),
        ("stars", "Rượu quế Trà Bồng", None),
        ("newest", "Rượu quế Trà Bồng", "Mạch nha Thi Phổ"),
    ],
)
def test_sorting(client, catalogue, sort_by, expected_first, expected_last):
    titles = card_titles(client.get(CATALOGUE, {"sort_by": sort_by}))
    assert titles[0] == expected_first
    if expected_last:
        assert titles[-1] == expected_last


@pytest.mark.parametrize(
    "params, message",
    [
        ({"price_min": "abc"}, PRICE_ERRORS["invalid"]),
        ({"price_min": "-5"}, PRICE_ERRORS["min_value"]),
        ({"price_max": "1e99"}, PRICE_ERRORS["invalid"]),
        ({"price_max": "99999999999999999"}, PRICE_ERRORS["max_value"]),
        ({"price_min": "300000", "price_max": "1000"}, PRICE_RANGE_ERROR),
        ({"stars": "9"}, "9"),
        ({"district": "not-a-code"}, ""),
        ({"district": "99999999999999999999"}, ""),
        ({"group": "<b>x</b>"}, ""),
        ({"producer_type": "pirate"}, "pirate"),
        ({"sort_by": "chaos"}, "chaos"),
        ({"in_stock": "maybe"}, None),
    ],
)
def test_bad_filter_input_gives_a_message_not_an_error(client, catalogue, params, message):
    response = client.get(CATALOGUE, params)
    assert response.status_code == 200
    html = response.content.decode()
    if message is not None:
        assert "ocop-filter-errors" in html
        with translation.override("vi"):
            assert escape(str(message)) in html
    assert "<b>x</b>" not in html
    # Invalid filters are dropped; the rest of the catalogue still shows.
    assert len(card_titles(response)) >= 1


def test_invalid_price_range_is_ignored_as_a_whole(client, catalogue):
    response = client.get(CATALOGUE, {"price_min": "300000", "price_max": "1000"})
    assert len(card_titles(response)) == 4


def test_pagination_keeps_filters(client, catalogue, settings):
    settings.OSCAR_PRODUCTS_PER_PAGE = 1
    response = client.get(CATALOGUE, {"group": "2"})
    assert response.context["paginator"].num_pages == 2
    html = response.content.decode()
    assert "group=2&amp;page=2" in html
    response = client.get(CATALOGUE, {"group": "2", "page": "2"})
    assert len(card_titles(response)) == 1


@pytest.mark.parametrize("page", ["99", "abc", "0", "-1"])
def test_invalid_page_redirects_to_first_page_with_message(client, catalogue, page):
    response = client.get(CATALOGUE, {"stars": "3", "page": page})
    assert response.status_code == 302
    assert response["Location"] == f"{CATALOGUE}?stars=3"
    response = client.get(response["Location"])
    assert "ocop-filter-errors" not in response.content.decode()
    messages = [str(m) for m in response.context["messages"]]
    assert messages


# --- Category pages ----------------------------------------------------------------------


@pytest.fixture
def categories(catalogue):
    specialties = Category.add_root(name="Đặc sản", slug="dac-san", is_public=True)
    spices = specialties.add_child(name="Gia vị", slug="gia-vi", is_public=True)
    drinks = Category.add_root(name="Đồ uống", slug="do-uong", is_public=True)
    ProductCategory.objects.create(product=catalogue["malt"], category=specialties)
    ProductCategory.objects.create(product=catalogue["garlic"], category=spices)
    # In both the parent and a child: listed once.
    ProductCategory.objects.create(product=catalogue["garlic"], category=specialties)
    ProductCategory.objects.create(product=catalogue["wine"], category=drinks)
    ProductCategory.objects.create(product=catalogue["cinnamon_tea"], category=drinks)
    return {"specialties": specialties, "spices": spices, "drinks": drinks}


def test_category_lists_its_and_its_descendants_products(client, categories):
    response = client.get(categories["specialties"].get_absolute_url())
    assert response.status_code == 200
    assert sorted(card_titles(response)) == ["Mạch nha Thi Phổ", "Tỏi Lý Sơn"]
    assert response.context["category"] == categories["specialties"]
    assert "Đặc sản" in response.content.decode()
    response = client.get(categories["spices"].get_absolute_url())
    assert card_titles(response) == ["Tỏi Lý Sơn"]


def test_category_filters(client, categories):
    url = categories["drinks"].get_absolute_url()
    assert card_titles(client.get(url, {"stars": "5"})) == ["Rượu quế Trà Bồng"]
    assert card_titles(client.get(url, {"in_stock": "on"})) == ["Trà quế Trà Bồng"]


def test_category_slug_change_redirects(client, categories):
    category = categories["drinks"]
    url = reverse("catalogue:category", kwargs={"category_slug": "cu", "pk": category.pk})
    response = client.get(url, {"stars": "5"})
    assert response.status_code == 301
    assert response["Location"] == f"{category.get_absolute_url()}?stars=5"


def test_non_public_category_is_404_for_shoppers(client, categories, admin_client):
    category = categories["drinks"]
    category.is_public = False
    category.save()
    assert client.get(category.get_absolute_url()).status_code == 404
    assert admin_client.get(category.get_absolute_url()).status_code == 200


def test_category_invalid_page_redirects(client, categories):
    url = categories["drinks"].get_absolute_url()
    response = client.get(url, {"page": "7"})
    assert response.status_code == 302
    assert response["Location"] == url


def test_product_without_stock_record_still_listed(client, catalogue):
    ProductFactory(title="Bánh tráng Quảng Ngãi")
    assert "Bánh tráng Quảng Ngãi" in card_titles(client.get(CATALOGUE))
    # …but not when a price range is asked for.
    assert "Bánh tráng Quảng Ngãi" not in card_titles(client.get(CATALOGUE, {"price_min": "0"}))


def test_stock_record_of_other_partner_without_producer(client, catalogue):
    product = ProductFactory(title="Nước mắm Sa Huỳnh")
    StockRecordFactory(product=product)
    response = client.get(CATALOGUE)
    assert "Nước mắm Sa Huỳnh" in card_titles(response)
