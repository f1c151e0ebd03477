"""The procurement API: token authentication, tier prices only for verified businesses, orders
with PO numbers, order and invoice status; bad input is refused with 400 and changes nothing."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from oscar.core.loading import get_model
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from shop.wholesale.models import BusinessOrder, Invoice

from . import helpers

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")


def api_for(user):
    client = APIClient()
    token, _created = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def buyer():
    account = helpers.user()
    helpers.business(buyer=account)
    helpers.wholesale_product()
    return account


def test_without_a_token_nothing_is_served():
    client = APIClient()
    assert client.get("/api/products/").status_code == 401
    assert client.get("/api/orders/").status_code == 401
    bad = APIClient()
    bad.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert bad.get("/api/products/").status_code == 401


def test_a_verified_buyer_sees_tiers_and_stock(buyer):
    response = api_for(buyer).get("/api/products/")
    assert response.status_code == 200
    (product,) = response.json()["results"]
    assert product["sku"] == "MN-THIPHO"
    assert product["stock"] == 1000
    wholesale = product["wholesale"]
    assert wholesale["min_quantity"] == 12 and wholesale["case_size"] == 6
    assert [t["unit_price_excl_tax"] for t in wholesale["tiers"]] == [100000, 90000, 80000]
    assert [t["max_quantity"] for t in wholesale["tiers"]] == [49, 199, None]


def test_consumers_and_unverified_businesses_never_get_tier_prices():
    helpers.wholesale_product()
    consumer = helpers.user("khach@example.vn")
    pending = helpers.user("cho@sieuthi.vn")
    helpers.business(status="pending", buyer=pending)
    for user in (consumer, pending):
        client = api_for(user)
        response = client.get("/api/products/")
        assert response.status_code == 200
        assert response.json()["results"][0]["wholesale"] is None
        assert "90000" not in response.content.decode()
        assert client.get("/api/orders/").status_code == 403
        assert client.post("/api/orders/", {}, format="json").status_code == 403


def test_a_buyer_places_an_order_with_a_po_number_and_reads_it_back(buyer):
    client = api_for(buyer)
    store = buyer.business_buyer.business.stores.get()
    delivery = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = client.post(
        "/api/orders/",
        {
            "po_number": "PO-API-7",
            "delivery_date": delivery,
            "store": store.pk,
            "lines": [{"sku": "MN-THIPHO", "quantity": 204}],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["po_number"] == "PO-API-7"
    assert data["payment_terms"] == "net30"
    assert data["lines"][0]["unit_price_excl_tax"] == 80000
    assert data["lines"][0]["unit_price_incl_tax"] == 88000
    assert data["invoice"]["status"] == "unpaid"
    assert data["invoice"]["number"] == "OCOP-0000001"
    assert StockRecord.objects.get().num_allocated == 204
    detail = client.get(f"/api/orders/{data['number']}/")
    assert detail.status_code == 200
    assert detail.json()["invoice"]["total_incl_tax"] == data["invoice"]["total_incl_tax"]
    listing = client.get("/api/orders/").json()
    assert [o["number"] for o in listing["results"]] == [data["number"]]


@pytest.mark.parametrize(
    "payload,fragment",
    [
        ({"lines": [{"sku": "MN-THIPHO", "quantity": 60}]}, "po_number"),
        ({"po_number": "PO", "lines": []}, "lines"),
        ({"po_number": "PO", "lines": [{"sku": "MN-THIPHO", "quantity": "many"}]}, "quantity"),
        ({"po_number": "PO", "lines": [{"sku": "KHONG-CO", "quantity": 60}]}, "KHONG-CO"),
        ({"po_number": "PO", "lines": [{"sku": "MN-THIPHO", "quantity": 7}]}, "lines[0]"),
        ({"po_number": "PO", "lines": [{"sku": "MN-THIPHO", "quantity": 6000}]}, "lines[0]"),
        (
            {"po_number": "PO", "store": 999, "lines": [{"sku": "MN-THIPHO", "quantity": 60}]},
            "store",
        ),
        (
            {
                "po_number": "PO",
                "delivery_date": "2001-01-01",
                "lines": [{"sku": "MN-THIPHO", "quantity": 60}],
            },
            "delivery_date",
        ),
    ],
)
def test_bad_orders_get_400_with_the_reason_and_change_nothing(buyer, payload, fragment):
    response = api_for(buyer).post("/api/orders/", payload, format="json")
    assert response.status_code == 400
    assert fragment in response.content.decode()
    assert not Order.objects.exists()
    assert not Invoice.objects.exists()
    assert StockRecord.objects.get().num_allocated in (None, 0)


def test_malformed_json_is_a_400(buyer):
    response = api_for(buyer).post(
        "/api/orders/", data="{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert not Order.objects.exists()


def test_the_credit_limit_holds_through_the_api(buyer):
    business = buyer.business_buyer.business
    business.credit_limit = Decimal("1000000")
    business.save()
    response = api_for(buyer).post(
        "/api/orders/",
        {"po_number": "PO-BIG", "lines": [{"sku": "MN-THIPHO", "quantity": 60}]},
        format="json",
    )
    assert response.status_code == 400
    assert "1.000.000" in response.content.decode()
    assert not BusinessOrder.objects.exists()


def test_the_openapi_schema_is_published():
    response = APIClient().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert {"/api/products/", "/api/orders/", "/api/orders/{number}/"} <= set(schema["paths"])
    assert "tokenAuth" in schema["components"]["securitySchemes"]


@pytest.mark.parametrize(
    "query", ["limit=100000000000000000000000", "offset=99999999999999999999999999", "limit=-1"]
)
def test_absurd_pagination_parameters_are_harmless(buyer, query):
    response = api_for(buyer).get(f"/api/products/?{query}")
    assert response.status_code == 200
