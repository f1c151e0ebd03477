"""Oscar's analytics counters are written after the shopper's transaction commits, one
statement each, never inside it; a failure there is logged and the shopper sees nothing."""

import logging
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from tests.checkout.helpers import basket_with, place, stocked_product

pytestmark = pytest.mark.django_db

ProductRecord = get_model("analytics", "ProductRecord")
UserRecord = get_model("analytics", "UserRecord")
UserProductView = get_model("analytics", "UserProductView")
ANALYTICS_TABLE = re.compile(r'(FROM|INTO|UPDATE|JOIN) "analytics_')


def _customer(name="lan"):
    return get_user_model().objects.create_user(
        username=name, email=f"{name}@example.vn", password="x"
    )


def test_placing_an_order_writes_no_counter_inside_its_transaction(
    django_capture_on_commit_callbacks,
):
    product = stocked_product(num_in_stock=5)
    user = _customer()
    basket = basket_with(product, 2, owner=user)

    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=False) as callbacks,
    ):
        order = place(basket, user=user)

    assert not [q["sql"] for q in queries if ANALYTICS_TABLE.search(q["sql"])]
    assert not ProductRecord.objects.exists() and not UserRecord.objects.exists()
    for callback in callbacks:
        callback()
    assert ProductRecord.objects.get(product=product).num_purchases == 2
    record = UserRecord.objects.get(user=user)
    assert (record.num_orders, record.num_order_lines, record.num_order_items) == (1, 1, 2)
    assert record.total_spent == order.total_incl_tax
    assert record.date_last_order == order.date_placed


def test_views_and_basket_additions_are_counted_after_commit(
    client, django_capture_on_commit_callbacks
):
    product = stocked_product(num_in_stock=5)
    user = _customer()
    client.force_login(user)
    record = get_model("partner", "StockRecord").objects.get(product=product)

    for _round in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.get(product.get_absolute_url()).status_code == 200
            response = client.post(
                reverse("basket:add", kwargs={"pk": product.pk}),
                {"quantity": 1, "stockrecord": record.pk},
            )
            assert response.status_code == 302

    counters = ProductRecord.objects.get(product=product)
    assert (counters.num_views, counters.num_basket_additions) == (2, 2)
    mine = UserRecord.objects.get(user=user)
    assert (mine.num_product_views, mine.num_basket_additions) == (2, 2)
    assert UserProductView.objects.filter(user=user, product=product).count() == 2


def test_a_failing_counter_is_logged_not_shown(
    client, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    from shop.analytics import receivers

    product = stocked_product(num_in_stock=5)

    def broken(*args, **kwargs):
        raise DatabaseError("analytics table unavailable")

    monkeypatch.setattr(receivers, "bump", broken)
    with (
        caplog.at_level(logging.ERROR, logger="shop.analytics.receivers"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.get(product.get_absolute_url())

    assert response.status_code == 200
    assert "Analytics not recorded" in caplog.text
    assert not ProductRecord.objects.exists()
