import pytest
from django.urls import reverse

from shop.programme.services import programme_figures

pytestmark = pytest.mark.django_db

EXPECTED_KEYS = {
    "certified_products",
    "by_stars",
    "service_products",
    "producers",
    "by_producer_type",
    "localities",
    "communes",
    "showrooms",
}


def test_figures_count_only_badge_eligible_certificates_in_the_province(programme_data):
    figures = programme_figures()
    assert figures["certified_products"] == 5
    assert figures["by_stars"] == {"3": 3, "4": 1, "5": 1}
    assert figures["service_products"] == 1
    assert figures["producers"] == 3
    assert figures["by_producer_type"] == {
        "enterprise": {"producers": 1, "products": 3},
        "cooperative": {"producers": 1, "products": 1},
        "household": {"producers": 1, "products": 1},
    }
    assert figures["communes"] == {"with_products": 3, "total": 4}
    assert figures["showrooms"] == 2
    assert figures["province"]["code"] == 51


def test_localities_list_every_district_including_those_with_none(programme_data):
    localities = programme_figures()["localities"]
    assert localities["with_products"] == 2
    assert localities["total"] == 3
    assert [(row["name"], row["products"]) for row in localities["by_locality"]] == [
        ("Mộ Đức", 4),
        ("Quảng Ngãi", 1),
        ("Ba Tơ", 0),
    ]
    assert localities["by_locality"][0]["full_name"] == "Huyện Mộ Đức"
    assert localities["by_locality"][0]["code"] == 9101


def test_by_group_lists_current_groups_with_names(programme_data):
    by_group = {row["code"]: row for row in programme_figures()["by_group"]}
    assert by_group["1"]["products"] == 3
    assert by_group["1"]["name"] == "Thực phẩm"
    assert by_group["2"]["products"] == 1
    assert by_group["6"]["products"] == 1 and by_group["6"]["is_service"]
    assert by_group["4"]["products"] == 0


def test_figures_use_a_fixed_number_of_queries(programme_data, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        programme_figures()


def test_no_regions_loaded_gives_zeros(db):
    figures = programme_figures()
    assert figures["certified_products"] == 0
    assert figures["localities"] == {"with_products": 0, "total": 0, "by_locality": []}
    assert figures["province"] is None


def test_stats_json(client, programme_data):
    response = client.get("/ocop/stats.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "max-age=60" in response["Cache-Control"]
    data = response.json()
    assert EXPECTED_KEYS <= set(data)
    assert data["certified_products"] == 5
    assert data["by_stars"] == {"3": 3, "4": 1, "5": 1}
    assert data["by_producer_type"]["enterprise"] == {"producers": 1, "products": 3}
    assert data["localities"]["by_locality"][-1] == {
        "name": "Ba Tơ",
        "full_name": "Huyện Ba Tơ",
        "code": 9103,
        "products": 0,
    }
    assert data["communes"] == {"with_products": 3, "total": 4}
    assert reverse("programme:stats-json") == "/ocop/stats.json"


def test_programme_page_shows_the_figures_in_vietnamese(client, programme_data):
    response = client.get("/programme/")
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("programme_page:figures") == "/programme/"
    assert "số liệu chương trình ocop" in html.lower()
    # Totals and tables
    assert 'id="kpi-certified"><span class="ocop-kpi__value">5<' in html
    assert 'id="kpi-communes"><span class="ocop-kpi__value">3/4<' in html
    assert 'id="kpi-localities"><span class="ocop-kpi__value">2/3<' in html
    assert "Huyện Ba Tơ" in html  # a locality with none is listed
    assert "Thực phẩm" in html
    assert "Dịch vụ du lịch cộng đồng" in html
    # Targets are shown, labelled as targets from the report
    assert "200" in html
    assert 'id="targets"' in html


def test_programme_page_in_english(client, programme_data):
    response = client.get("/en/programme/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "OCOP programme figures" in html
    assert "Food" in html
    assert "Targets from the provincial report" in html
