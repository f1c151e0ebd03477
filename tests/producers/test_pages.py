import datetime
import re

import pytest
from django.utils import timezone

from tests.factories import (
    CommuneFactory,
    DistrictFactory,
    ProducerFactory,
    ProductFactory,
    ProvinceFactory,
    StockRecordFactory,
    certified_product,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def localities(db):
    province = ProvinceFactory()
    return {
        "province": province,
        "mo_duc": DistrictFactory(parent=province, code=9301, name="Huyện Mộ Đức"),
        "tra_bong": DistrictFactory(parent=province, code=9302, name="Huyện Trà Bồng"),
    }


@pytest.fixture
def producers(localities):
    garlic = ProducerFactory(
        partner__name="HTX Tỏi Lý Sơn",
        legal_type="cooperative",
        commune=CommuneFactory(parent=localities["mo_duc"], name="Xã Đức Lợi"),
    )
    cinnamon = ProducerFactory(
        partner__name="Công ty Quế Trà Bồng",
        legal_type="enterprise",
        commune=CommuneFactory(parent=localities["tra_bong"], name="Thị trấn Trà Xuân"),
    )
    hidden = ProducerFactory(
        partner__name="Cơ sở Ẩn Danh",
        legal_type="household",
        commune=CommuneFactory(parent=localities["mo_duc"]),
        is_public=False,
    )
    certified_product(producer=garlic, stars=4, title="Tỏi cô đơn Lý Sơn")
    certified_product(producer=garlic, stars=3, title="Hành tím Lý Sơn")
    expired = certified_product(producer=garlic, stars=3, title="Tỏi đen")
    expired.ocop_certificate.decision_date = timezone.localdate() - datetime.timedelta(days=1500)
    expired.ocop_certificate.expires_on = timezone.localdate() - datetime.timedelta(days=3)
    expired.ocop_certificate.save()
    certified_product(producer=cinnamon, stars=3, title="Tinh dầu quế")
    return {"garlic": garlic, "cinnamon": cinnamon, "hidden": hidden}


def cards(response):
    return {p.slug: p for p in response.context["producers"]}


def test_directory_lists_public_producers_with_certified_counts(client, producers):
    response = client.get("/producers/")
    assert response.status_code == 200
    html = response.content.decode()
    assert set(cards(response)) == {producers["garlic"].slug, producers["cinnamon"].slug}
    assert "Cơ sở Ẩn Danh" not in html
    assert "HTX Tỏi Lý Sơn" in html
    assert cards(response)[producers["garlic"].slug].certified_products == 2  # expired excluded
    card = html.split(f'data-producer="{producers["garlic"].slug}"')[1].split("</article>")[0]
    assert re.search(r'ocop-certified-count">\s*2 sản phẩm', card)
    assert "Hợp tác xã" in card  # legal type label in Vietnamese
    assert "Huyện Mộ Đức" in html
    # Placeholder when no logo, Vietnamese legal type label
    assert "ocop-producer-card__placeholder" in html


def test_directory_filters_by_district_and_legal_type(client, producers, localities):
    response = client.get("/producers/", {"district": localities["tra_bong"].code})
    assert set(cards(response)) == {producers["cinnamon"].slug}
    response = client.get("/producers/", {"legal_type": "cooperative"})
    assert set(cards(response)) == {producers["garlic"].slug}
    response = client.get(
        "/producers/", {"district": localities["mo_duc"].code, "legal_type": "enterprise"}
    )
    assert cards(response) == {}
    assert 'id="no-producers"' in response.content.decode()
    response = client.get("/producers/", {"province": localities["province"].code})
    assert len(cards(response)) == 2


def test_district_select_lists_the_provinces_districts(client, producers, localities):
    html = client.get("/producers/").content.decode()
    assert f'<option value="{localities["mo_duc"].code}">Huyện Mộ Đức</option>' in html
    assert f'<option value="{localities["tra_bong"].code}">Huyện Trà Bồng</option>' in html


@pytest.mark.parametrize(
    "params",
    [
        {"district": "99999999"},
        {"district": "abc"},
        {"legal_type": "pirate"},
        {"province": "x"},
        {"page": "999"},
        {"page": "abc"},
    ],
)
def test_bad_filter_values_are_ignored_with_a_message(client, producers, params):
    response = client.get("/producers/", params)
    assert response.status_code == 200
    assert len(cards(response)) == 2
    if "page" not in params:
        assert response.context["form"].errors
        assert "alert-warning" in response.content.decode()


def test_directory_query_count_is_constant(client, localities, django_assert_max_num_queries):
    for _ in range(3):
        certified_product(
            producer=ProducerFactory(commune=CommuneFactory(parent=localities["mo_duc"]))
        )
    client.get("/producers/")  # warm up (site, session…)
    with django_assert_max_num_queries(12) as small:
        client.get("/producers/")
    for _ in range(15):
        certified_product(
            producer=ProducerFactory(commune=CommuneFactory(parent=localities["mo_duc"]))
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/producers/")
    assert len(response.context["producers"]) == 18


def test_directory_paginates(client, localities):
    for i in range(30):
        ProducerFactory(
            partner__name=f"Cơ sở {i:02d}", commune=CommuneFactory(parent=localities["mo_duc"])
        )
    first = client.get("/producers/")
    assert len(first.context["producers"]) == 24
    second = client.get("/producers/", {"page": 2})
    assert len(second.context["producers"]) == 6


def test_producer_page_shows_profile_and_products_with_badges(client, producers):
    garlic = producers["garlic"]
    garlic.story = "Hợp tác xã trồng tỏi trên đảo Lý Sơn."
    garlic.story_en = "A cooperative growing garlic on Lý Sơn island."
    garlic.phone = "0255 3123 456"
    garlic.email = "htx@example.vn"
    garlic.save()
    response = client.get(f"/producers/{garlic.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "HTX Tỏi Lý Sơn" in html
    assert "Hợp tác xã trồng tỏi trên đảo Lý Sơn." in html
    assert "A cooperative growing garlic on Lý Sơn island." in html
    assert "Xã Đức Lợi, Huyện Mộ Đức, Tỉnh Quảng Ngãi" in html
    assert garlic.tax_code in html
    assert "0255 3123 456" in html and "htx@example.vn" in html
    assert 'id="producer-verified"' in html
    # Products rendered as cards, with star badges only for valid certificates
    assert "Tỏi cô đơn Lý Sơn" in html and "Hành tím Lý Sơn" in html and "Tỏi đen" in html
    assert html.count('class="product_pod') == 3
    assert 'data-stars="4"' in html and 'data-stars="3"' in html
    titles = [p.title for p in response.context["products"]]
    assert titles[0] == "Tỏi cô đơn Lý Sơn"  # highest stars first
    assert "Tinh dầu quế" not in html  # another producer's product


def test_producer_page_of_non_public_producer_is_404(client, producers):
    assert client.get(f"/producers/{producers['hidden'].slug}/").status_code == 404
    assert client.get("/producers/khong-ton-tai/").status_code == 404


def test_producer_page_in_english(client, producers):
    response = client.get(f"/en/producers/{producers['cinnamon'].slug}/")
    assert response.status_code == 200
    assert "Enterprise" in response.content.decode()


def test_producer_page_query_count_is_constant(client, producers, django_assert_max_num_queries):
    garlic = producers["garlic"]
    url = f"/producers/{garlic.slug}/"
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for i in range(10):
        certified_product(producer=garlic, title=f"Đặc sản {i}")
    product = ProductFactory(title="Chưa chứng nhận")
    StockRecordFactory(product=product, partner=garlic.partner)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["products"]) == 14
