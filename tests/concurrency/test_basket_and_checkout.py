"""Shoppers add a product to their baskets while others place orders for it (PostgreSQL,
one database connection per thread, the real basket and checkout views, ATOMIC_REQUESTS on).

Nobody gets a server error or a deadlock, the stock is exact afterwards, and the buyers who
lose the race are told in words that the product has just sold out."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from tests.checkout.helpers import ensure_vietnam, stocked_product
from tests.checkout.test_flow import choose, to_payment_method

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ADDERS = 50
BUYERS = 20
UNITS = 8
TITLE = "Tỏi cô đơn Lý Sơn"
SOLD_OUT = f"{TITLE} vừa hết hàng"
JOIN_TIMEOUT = 120


def _prepared_buyers(product):
    """Guests at the preview page with one unit in the basket, paying cash on delivery."""
    buyers = []
    for n in range(BUYERS):
        client = Client(raise_request_exception=False)
        to_payment_method(client, product, 1, email=f"buyer{n}@example.vn")
        choose(client, "cod")
        basket_hash = client.get(reverse("checkout:preview")).context["basket_hash"]
        buyers.append((client, basket_hash))
    return buyers


def _adders():
    """Half signed-in customers (their own analytics rows too), half guests."""
    User = get_user_model()
    clients = []
    for n in range(ADDERS):
        client = Client(raise_request_exception=False)
        if n % 2:
            user = User.objects.create_user(
                username=f"adder{n}", email=f"adder{n}@example.vn", password="x"
            )
            client.force_login(user)
        clients.append(client)
    return clients


def _place(client, basket_hash):
    response = client.post(
        reverse("checkout:preview"), {"action": "place_order", "basket_hash": basket_hash}
    )
    if response.status_code != 302:
        return f"status {response.status_code}"
    if response["Location"].endswith(reverse("checkout:thank-you")):
        return "order"
    page = client.get(reverse("basket:summary")).content.decode()
    if SOLD_OUT in page:
        return "sold out"
    return f"redirect to {response['Location']} without the sold-out message"


def _add(client, product, record):
    response = client.get(product.get_absolute_url())  # counts a view, as shoppers do
    if response.status_code != 200:
        return f"product page status {response.status_code}"
    response = client.post(
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"quantity": 1, "stockrecord": record.pk},
    )
    if response.status_code != 302:
        return f"status {response.status_code}"
    return "answered"


def _run_together(jobs):
    """Run every (function, args) in its own thread from one barrier; (outcomes, stuck)."""
    barrier = threading.Barrier(len(jobs))
    outcomes = []
    lock = threading.Lock()

    def run(kind, function, args):
        try:
            barrier.wait(timeout=60)
            try:
                outcome = function(*args)
            except Exception as exc:  # noqa: BLE001 - any other outcome fails the test
                outcome = f"error: {exc!r}"
            with lock:
                outcomes.append((kind, outcome))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=job, daemon=True) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=JOIN_TIMEOUT)
    return outcomes, [t for t in threads if t.is_alive()]


def test_adding_to_baskets_while_others_buy_the_last_units():
    Order = get_model("order", "Order")
    Line = get_model("order", "Line")
    StockRecord = get_model("partner", "StockRecord")
    ProductRecord = get_model("analytics", "ProductRecord")
    UserRecord = get_model("analytics", "UserRecord")
    ensure_vietnam()
    product = stocked_product(num_in_stock=UNITS, title=TITLE)
    record = StockRecord.objects.get(product=product)
    buyers = _prepared_buyers(product)
    adders = _adders()
    # The counters start missing, as for a new product: the first writers race to create them.
    ProductRecord.objects.all().delete()
    UserRecord.objects.all().delete()

    jobs = [("place", _place, pair) for pair in buyers]
    jobs += [("add", _add, (client, product, record)) for client in adders]
    outcomes, stuck = _run_together(jobs)

    assert not stuck, f"{len(stuck)} requests still running after {JOIN_TIMEOUT}s"
    placements = [outcome for kind, outcome in outcomes if kind == "place"]
    additions = [outcome for kind, outcome in outcomes if kind == "add"]
    assert additions == ["answered"] * ADDERS, additions
    assert placements.count("order") == UNITS, placements
    assert placements.count("sold out") == BUYERS - UNITS, placements

    record.refresh_from_db()
    sold = sum(Line.objects.filter(product=product).values_list("quantity", flat=True))
    assert Order.objects.filter(lines__product=product).count() == UNITS
    assert record.num_allocated == sold == UNITS
    assert record.num_in_stock - record.num_allocated == 0

    # Each adder's basket holds the unit, or the page says it has just sold out.
    for client in adders:
        page = client.get(reverse("basket:summary"))
        assert page.status_code == 200
        lines = list(page.context["basket"].all_lines())
        assert lines or SOLD_OUT in page.content.decode(), page.content.decode()[:2000]

    # The counters are exact, written after each transaction committed.
    refused = sum(1 for client in adders if not _basket_lines(client))
    counters = ProductRecord.objects.get(product=product)
    assert counters.num_purchases == UNITS
    assert counters.num_basket_additions == ADDERS - refused
    assert counters.num_views == ADDERS
    print(  # the figures, shown with ``pytest -s``
        f"\nadd-to-basket: {additions.count('answered')}/{ADDERS} answered without error, "
        f"{ADDERS - refused} added, {refused} told it sold out; placements: "
        f"{placements.count('order')}/{BUYERS} orders, {placements.count('sold out')} told it "
        f"sold out, {BUYERS - len(placements)} unanswered; stock: {record.num_in_stock} in "
        f"stock, {record.num_allocated} allocated, {sold} units in orders"
    )


def _basket_lines(client):
    return list(client.get(reverse("basket:summary")).context["basket"].all_lines())
