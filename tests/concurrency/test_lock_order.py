"""The shop's lock order on PostgreSQL: a placement holding a product's stock record does
not hold up shoppers adding that product to their baskets, and records are locked by id."""

import threading

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from shop.checkout import services
from tests.checkout.helpers import basket_with, load_basket, stocked_product

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_adding_to_a_basket_does_not_wait_for_a_placement_holding_the_stock():
    StockRecord = get_model("partner", "StockRecord")
    product = stocked_product(num_in_stock=5)
    record = StockRecord.objects.get(product=product)
    basket_pk = basket_with(product, 1).pk
    locked, release = threading.Event(), threading.Event()

    def placement_in_progress():
        try:
            with transaction.atomic():
                services.reserve_stock(load_basket(basket_pk))
                locked.set()
                release.wait(timeout=60)
        finally:
            connection.close()

    holder = threading.Thread(target=placement_in_progress, daemon=True)
    holder.start()
    assert locked.wait(timeout=30)
    answers = []

    def shopper():
        try:
            client = Client(raise_request_exception=False)
            response = client.post(
                reverse("basket:add", kwargs={"pk": product.pk}),
                {"quantity": 1, "stockrecord": record.pk},
            )
            answers.append(response.status_code)
        finally:
            connection.close()

    adder = threading.Thread(target=shopper, daemon=True)
    adder.start()
    adder.join(timeout=20)
    finished_while_locked = not adder.is_alive()
    release.set()
    holder.join(timeout=30)
    adder.join(timeout=30)

    assert finished_while_locked, "adding to a basket waited for the placement's stock lock"
    assert answers == [302]
    assert get_model("basket", "Line").objects.filter(product=product).count() == 2


def test_stock_records_are_locked_by_id_ascending():
    from shop.checkout.stock import lock_stock_records

    records = [
        get_model("partner", "StockRecord").objects.get(product=stocked_product())
        for _n in range(3)
    ]
    ids = [r.pk for r in reversed(records)]
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        locked = lock_stock_records(ids)
    assert [r.pk for r in locked] == sorted(ids)
    sql = queries[-1]["sql"]
    assert "FOR NO KEY UPDATE" in sql and 'ORDER BY "partner_stockrecord"."id" ASC' in sql
