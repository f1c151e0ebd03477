"""The Quảng Ngãi demo catalogue, through the live service, gives the report's figures."""

import pytest

pytestmark = pytest.mark.django_db


def test_stats_json_equals_the_report(client, demo_data):
    data = client.get("/ocop/stats.json").json()
    assert data["certified_products"] == 61
    assert data["by_stars"] == {"3": 57, "4": 4, "5": 0}
    assert data["service_products"] == 2
    assert data["producers"] == 31
    assert data["by_producer_type"] == {
        "enterprise": {"producers": 8, "products": 22},
        "cooperative": {"producers": 12, "products": 24},
        "household": {"producers": 11, "products": 15},
    }
    localities = data["localities"]
    assert (localities["with_products"], localities["total"]) == (9, 13)
    by_name = {row["name"]: row["products"] for row in localities["by_locality"]}
    assert len(by_name) == 13
    assert [row["name"] for row in localities["by_locality"][:3]] == [
        "Mộ Đức",
        "Quảng Ngãi",
        "Trà Bồng",
    ]
    assert (by_name["Mộ Đức"], by_name["Quảng Ngãi"], by_name["Trà Bồng"]) == (19, 12, 11)
    for name in ("Ba Tơ", "Minh Long", "Sơn Tây", "Sơn Tịnh"):
        assert by_name[name] == 0
    assert sum(by_name.values()) == 61
    assert data["communes"] == {"with_products": 27, "total": 173}
    assert data["showrooms"] == 5
    assert data["province"]["name"] == "Tỉnh Quảng Ngãi"
    assert sum(row["products"] for row in data["by_group"]) == 61


def test_programme_page_shows_the_report_figures(client, demo_data):
    html = client.get("/programme/").content.decode()
    assert 'id="kpi-certified"><span class="ocop-kpi__value">61<' in html
    assert 'id="kpi-producers"><span class="ocop-kpi__value">31<' in html
    assert 'id="kpi-localities"><span class="ocop-kpi__value">9/13<' in html
    assert 'id="kpi-communes"><span class="ocop-kpi__value">27/173<' in html
    assert 'id="kpi-showrooms"><span class="ocop-kpi__value">5<' in html
    assert "Huyện Minh Long" in html


def test_directory_filters_the_demo_producers_by_locality(client, demo_data):
    everyone = client.get("/producers/").context["paginator"].count
    assert everyone >= 31
    mo_duc = client.get("/producers/", {"district": 533})  # Huyện Mộ Đức
    producers = list(mo_duc.context["producers"])
    assert producers and all(p.district.name == "Huyện Mộ Đức" for p in producers)
    assert sum(p.certified_products for p in producers) == 19
    ba_to = client.get("/producers/", {"district": 535})  # Huyện Ba Tơ: none certified
    assert all(p.certified_products == 0 for p in ba_to.context["producers"])
