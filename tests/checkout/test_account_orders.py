"""A signed-in customer checks out, finds the order in their account, and re-orders it."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests import factories
from tests.checkout.helpers import stocked_product
from tests.checkout.test_flow import ADDRESS, add_to_basket, choose, place

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
Line = get_model("basket", "Line")


@pytest.fixture
def customer(client, django_user_model):
    user = django_user_model.objects.create_user("lan", "lan@example.vn", "pw")
    client.force_login(user)
    return user


def checkout_signed_in(client, product, quantity=1):
    add_to_basket(client, product, quantity)
    commune = factories.CommuneFactory()
    district = commune.parent
    data = dict(ADDRESS, province=district.parent.pk, district=district.pk, commune=commune.pk)
    response = client.get(reverse("checkout:index"))
    assert response["Location"].endswith(reverse("checkout:shipping-address"))
    assert client.post(reverse("checkout:shipping-address"), data).status_code == 302
    response = client.get(reverse("checkout:shipping-method"))
    if response.status_code == 200:
        code = response.context["methods"][0].code
        client.post(reverse("checkout:shipping-method"), {"method_code": code})
    choose(client, "bank_transfer")
    assert place(client).status_code == 302
    return Order.objects.latest("pk")


def test_order_history_and_reorder(client, customer):
    product = stocked_product(num_in_stock=10, title="Rượu Bàu Đá")
    order = checkout_signed_in(client, product, 2)
    assert order.user == customer
    history = client.get(reverse("customer:order-list")).content.decode()
    assert order.number in history
    detail = client.get(reverse("customer:order", kwargs={"order_number": order.number}))
    assert "Rượu Bàu Đá" in detail.content.decode()
    assert not Line.objects.filter(basket__owner=customer, basket__status="Open").exists()
    response = client.post(
        reverse("customer:order", kwargs={"order_number": order.number}),
        {"action": "reorder"},
    )
    assert response.status_code == 302
    line = Line.objects.get(basket__owner=customer, basket__status="Open")
    assert line.product == product and line.quantity == 2


def test_other_customers_cannot_see_the_order(client, customer, django_user_model):
    order = checkout_signed_in(client, stocked_product(num_in_stock=10))
    other = django_user_model.objects.create_user("minh", "minh@example.vn", "pw")
    client.force_login(other)
    url = reverse("customer:order", kwargs={"order_number": order.number})
    assert client.get(url).status_code == 404
