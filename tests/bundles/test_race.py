"""Concurrent buyers of gift bundles and of their components on PostgreSQL never oversell.

Each round: a bundle of 2 × A + 1 × B; A has 7 units, B 4. Twenty buyers, released at once
by a barrier, place orders: half buy one bundle, the others buy loose units of A or of B.
Whatever interleaving wins, every order is all-or-nothing and the stock records end exactly
at what the placed orders took, never beyond the stock.
"""

import threading

import pytest
from django.db import connection
from oscar.core.loading import get_model

from shop.bundles.models import OrderLineComponent
from shop.checkout import services
from tests.bundles.helpers import bundle, component
from tests.checkout.helpers import basket_with, ensure_vietnam, load_basket, place

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BUYERS = 20


def _race(baskets):
    barrier = threading.Barrier(len(baskets))
    outcomes = {}
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
                outcomes[basket_pk] = outcome
        finally:
            connection.close()

    threads = [threading.Thread(target=buyer, args=(pk,)) for pk in baskets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    return outcomes


@pytest.mark.parametrize("round_", range(3))
def test_bundle_and_component_buyers_never_oversell(round_):
    StockRecord = get_model("partner", "StockRecord")
    Order = get_model("order", "Order")
    ensure_vietnam()
    a, b = component(num_in_stock=7), component(num_in_stock=4)
    gift = bundle([(a, 2), (b, 1)], title=f"Hộp quà vòng {round_}")

    # What each basket takes from A and B.
    wants = {}
    for n in range(BUYERS):
        if n % 2 == 0:
            basket = basket_with(gift, 1)
            wants[basket.pk] = (2, 1)
        elif n % 4 == 1:
            basket = basket_with(a, 1 + round_ % 2)
            wants[basket.pk] = (1 + round_ % 2, 0)
        else:
            basket = basket_with(b, 1)
            wants[basket.pk] = (0, 1)

    outcomes = _race(list(wants))

    assert set(outcomes.values()) <= {"order", "sold out"}, outcomes
    assert len(outcomes) == BUYERS
    placed = [pk for pk, outcome in outcomes.items() if outcome == "order"]
    assert placed, outcomes
    took_a = sum(wants[pk][0] for pk in placed)
    took_b = sum(wants[pk][1] for pk in placed)
    record_a = StockRecord.objects.get(product=a)
    record_b = StockRecord.objects.get(product=b)
    assert record_a.num_allocated == took_a <= 7
    assert record_b.num_allocated == took_b <= 4
    assert record_a.net_stock_level >= 0 and record_b.net_stock_level >= 0
    # Someone was refused: the stock cannot serve everybody.
    assert "sold out" in outcomes.values()
    bundle_orders = Order.objects.filter(lines__product=gift).count()
    assert bundle_orders == sum(1 for pk in placed if wants[pk] == (2, 1))
    # Every bundle order recorded both components, with their producers.
    components = OrderLineComponent.objects.filter(line__product=gift)
    assert components.count() == 2 * bundle_orders
    assert {c.partner_id for c in components} <= {record_a.partner_id, record_b.partner_id}


def test_cancelled_bundle_orders_release_exactly_their_components():
    """Buyers cancelling while others buy: stock ends exactly at the orders kept."""
    StockRecord = get_model("partner", "StockRecord")
    ensure_vietnam()
    a, b = component(num_in_stock=10), component(num_in_stock=10)
    gift = bundle([(a, 2), (b, 1)], title="Hộp quà huỷ")
    first = [place(basket_with(gift, 1)) for _ in range(3)]
    baskets = [basket_with(gift, 1).pk for _ in range(6)]

    errors = []
    barrier = threading.Barrier(len(baskets) + len(first))

    def cancel(order):
        try:
            barrier.wait(timeout=30)
            services.cancel_order(order, reason="Khách huỷ")
        except Exception as exc:  # noqa: BLE001
            errors.append(repr(exc))
        finally:
            connection.close()

    def buy(pk):
        try:
            basket = load_basket(pk)
            barrier.wait(timeout=30)
            try:
                place(basket)
            except services.SoldOut:
                pass
        except Exception as exc:  # noqa: BLE001
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=cancel, args=(o,)) for o in first]
    threads += [threading.Thread(target=buy, args=(pk,)) for pk in baskets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)

    assert not errors, errors
    Order = get_model("order", "Order")
    kept = Order.objects.filter(lines__product=gift).exclude(status="cancelled").count()
    assert StockRecord.objects.get(product=a).num_allocated == 2 * kept <= 10
    assert StockRecord.objects.get(product=b).num_allocated == kept
