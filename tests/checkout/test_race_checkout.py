"""The same race through the checkout pages: 20 guests press "Place order" at once."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from tests.checkout.helpers import ensure_vietnam, stocked_product
from tests.checkout.test_flow import choose, to_payment_method

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BUYERS = 20


def test_twenty_guests_place_orders_for_the_last_three_units():
    Order = get_model("order", "Order")
    StockRecord = get_model("partner", "StockRecord")
    ensure_vietnam()
    product = stocked_product(num_in_stock=3, title="Tỏi Lý Sơn")

    ready = []
    for n in range(BUYERS):
        client = Client()
        to_payment_method(client, product, 1, email=f"buyer{n}@example.vn")
        choose(client, "cod")
        basket_hash = client.get(reverse("checkout:preview")).context["basket_hash"]
        ready.append((client, basket_hash))

    barrier = threading.Barrier(BUYERS)
    outcomes = []
    lock = threading.Lock()

    def buyer(client, basket_hash):
        try:
            barrier.wait(timeout=60)
            try:
                response = client.post(
                    reverse("checkout:preview"),
                    {"action": "place_order", "basket_hash": basket_hash},
                )
                if response.status_code == 302 and response["Location"].endswith(
                    reverse("checkout:thank-you")
                ):
                    outcome = "order"
                elif response.status_code == 302 and response["Location"].endswith(
                    reverse("basket:summary")
                ):
                    page = client.get(reverse("basket:summary")).content.decode()
                    outcome = (
                        "sold out"
                        if "Tỏi Lý Sơn vừa hết hàng" in page
                        else "basket without message"
                    )
                else:
                    outcome = f"status {response.status_code}"
            except Exception as exc:  # noqa: BLE001 - any other outcome fails the test
                outcome = f"error: {exc!r}"
            with lock:
                outcomes.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=buyer, args=pair) for pair in ready]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert outcomes.count("order") == 3, outcomes
    assert outcomes.count("sold out") == BUYERS - 3, outcomes
    assert Order.objects.filter(lines__product=product).count() == 3
    record = StockRecord.objects.get(product=product)
    assert record.num_allocated == 3
