"""20 buyers race for the last 3 units on PostgreSQL: exactly 3 orders, nobody oversold."""

import threading

import pytest
from django.db import connection
from oscar.core.loading import get_model

from shop.checkout import services
from tests.checkout.helpers import (
    basket_with,
    ensure_vietnam,
    load_basket,
    place,
    stocked_product,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BUYERS = 20


def _race(product):
    baskets = [basket_with(product, 1).pk for _ in range(BUYERS)]
    barrier = threading.Barrier(BUYERS)
    outcomes = []
    lock = threading.Lock()

    def buyer(basket_pk):
        try:
            basket = load_basket(basket_pk)
            barrier.wait(timeout=30)
            try:
                place(basket)
                outcome = "order"
            except services.SoldOut:
                outcome = "sold out"
            except Exception as exc:  # noqa: BLE001 - the test reports any other outcome
                outcome = f"error: {exc!r}"
            with lock:
                outcomes.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=buyer, args=(pk,)) for pk in baskets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.mark.parametrize("round_", range(3))
def test_twenty_buyers_last_three_units(round_):
    Order = get_model("order", "Order")
    StockRecord = get_model("partner", "StockRecord")
    ensure_vietnam()
    product = stocked_product(num_in_stock=3)

    outcomes = _race(product)

    assert sorted(set(outcomes)) == ["order", "sold out"], outcomes
    assert outcomes.count("order") == 3
    assert outcomes.count("sold out") == BUYERS - 3
    assert Order.objects.filter(lines__product=product).count() == 3
    record = StockRecord.objects.get(product=product)
    assert record.num_allocated == 3
    assert record.net_stock_level == 0
