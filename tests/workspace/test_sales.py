"""Sales: revenue and units by product over a chosen period, with a chart drawn as SVG."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from shop.checkout import services as checkout
from shop.workspace import services
from tests.workspace.helpers import order_with_lines_of

pytestmark = pytest.mark.django_db


def test_sales_by_product_counts_own_lines_in_the_period(producer_a, producer_b, shared_order):
    second = order_with_lines_of(producer_a, producer_b)
    cancelled = order_with_lines_of(producer_a, paid=False)
    checkout.cancel_order(cancelled, reason="test")
    old = order_with_lines_of(producer_a)
    old.date_placed = timezone.now() - datetime.timedelta(days=60)
    old.save()
    today = timezone.localdate()
    rows = services.sales_by_product(
        [producer_a.partner], today - datetime.timedelta(days=7), today
    )
    assert [(row.title, row.units) for row in rows] == [(producer_a.products[0].title, 2)]
    assert rows[0].revenue == sum(
        o.lines.get(partner=producer_a.partner).line_price_incl_tax for o in (shared_order, second)
    )
    longer = services.sales_by_product(
        [producer_a.partner], today - datetime.timedelta(days=90), today
    )
    assert longer[0].units == 3


def test_sales_page_shows_a_chart_of_own_products_only(
    client, producer_a, producer_b, shared_order
):
    client.force_login(producer_a.user)
    response = client.get(reverse("dashboard:workspace-sales"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in body and 'class="bar"' in body
    assert producer_a.products[0].title in body
    assert producer_b.products[0].title not in body
    # A chosen period without sales, and a bad period (the default one is used).
    empty = client.get(
        reverse("dashboard:workspace-sales"), {"start": "2020-01-01", "end": "2020-01-31"}
    )
    assert "<svg" not in empty.content.decode()
    bad = client.get(
        reverse("dashboard:workspace-sales"), {"start": "2024-02-01", "end": "2024-01-01"}
    )
    assert bad.status_code == 200 and "<svg" in bad.content.decode()


def test_dashboard_menu_shows_producers_their_sections_only(client, producer_a, staff_user):
    client.force_login(producer_a.user)
    body = client.get(reverse("dashboard:index")).content.decode()
    for name in (
        "workspace-stock",
        "workspace-sales",
        "workspace-team",
        "order-list",
        "catalogue-product-list",
    ):
        assert reverse(f"dashboard:{name}") in body, name
    for name in (
        "users-index",
        "partner-list",
        "producer-application-list",
        "catalogue-certificate-list",
        "order-stats",
    ):
        assert reverse(f"dashboard:{name}") not in body, name
    client.force_login(staff_user)
    body = client.get(reverse("dashboard:index")).content.decode()
    assert reverse("dashboard:producer-application-list") in body
    assert reverse("dashboard:workspace-stock") not in body
