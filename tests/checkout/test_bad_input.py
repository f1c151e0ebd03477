"""Bad quantities and tampered posts in the basket change nothing and say why."""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.checkout.helpers import stocked_product
from tests.checkout.test_flow import add_to_basket, choose, place, to_payment_method

pytestmark = pytest.mark.django_db

Basket = get_model("basket", "Basket")
Line = get_model("basket", "Line")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")


def post_add(client, product, quantity, **extra):
    record = StockRecord.objects.get(product=product)
    data = {"quantity": quantity, "stockrecord": record.pk, **extra}
    return client.post(reverse("basket:add", kwargs={"pk": product.pk}), data, follow=True)


@pytest.mark.parametrize("quantity", [0, -1, "abc"])
def test_add_non_positive_or_garbage_quantity(client, quantity):
    product = stocked_product(num_in_stock=5)
    response = post_add(client, product, quantity)
    assert not Line.objects.exists()
    messages = [str(m) for m in response.context["messages"]]
    assert messages, "the shopper is told why"


@pytest.mark.parametrize("quantity", [6, 1000, 10**9])
def test_add_more_than_stock_or_huge(client, quantity):
    product = stocked_product(num_in_stock=5)
    response = post_add(client, product, quantity)
    assert not Line.objects.exists()
    assert [str(m) for m in response.context["messages"]]


def test_basket_line_update_refuses_bad_quantities(client):
    product = stocked_product(num_in_stock=5)
    add_to_basket(client, product, 2)
    line = Line.objects.get()
    for bad in (-3, 1000, 6):
        response = client.post(
            reverse("basket:summary"),
            {
                "form-TOTAL_FORMS": 1,
                "form-INITIAL_FORMS": 1,
                "form-MIN_NUM_FORMS": 0,
                "form-MAX_NUM_FORMS": 1000,
                "form-0-id": line.pk,
                "form-0-quantity": bad,
            },
            follow=True,
        )
        line.refresh_from_db()
        assert line.quantity == 2, bad
        page = response.content.decode()
        assert "alert" in page


def test_tampered_price_is_ignored(client):
    product = stocked_product(num_in_stock=5, price=Decimal("125000"))
    post_add(client, product, 1, price="1", price_incl_tax="1", unit_price="1")
    to_payment_method(client, product, 1)  # adds a second unit the normal way
    choose(client, "cod")
    assert place(client).status_code == 302
    line = Order.objects.get().lines.get()
    assert line.quantity == 2
    assert line.unit_price_incl_tax == Decimal("125000")


def test_tampered_product_ids(client):
    product = stocked_product(num_in_stock=5)
    other = stocked_product(num_in_stock=5)
    missing = client.post(reverse("basket:add", kwargs={"pk": 999999}), {"quantity": 1})
    assert missing.status_code == 404
    # a stock record of another product
    foreign = StockRecord.objects.get(product=other)
    client.post(
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"quantity": 1, "stockrecord": foreign.pk},
    )
    for line in Line.objects.all():
        assert line.stockrecord.product_id == line.product_id


def test_hidden_product_cannot_be_added_by_a_direct_post(client):
    product = stocked_product(num_in_stock=5, is_public=False)
    response = post_add(client, product, 1)
    assert not Line.objects.exists()
    assert [str(m) for m in response.context["messages"]]


def test_product_hidden_after_it_was_put_in_the_basket_is_not_ordered(client):
    product = stocked_product(num_in_stock=5)
    to_payment_method(client, product, 1)
    choose(client, "cod")
    product.is_public = False
    product.save()
    preview = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert preview.status_code == 302 and preview.url == reverse("basket:summary")
    assert not Order.objects.exists()
    assert StockRecord.objects.get(product=product).num_allocated in (None, 0)
