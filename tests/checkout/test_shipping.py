from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_class, get_model

from shop.showrooms.models import Showroom
from tests import factories
from tests.checkout.helpers import basket_with, stocked_product
from tests.checkout.test_flow import choose, place, to_payment_method

pytestmark = pytest.mark.django_db

Repository = get_class("shipping.repository", "Repository")
WeightBased = get_model("shipping", "WeightBased")
ProductAttribute = get_model("catalogue", "ProductAttribute")
Order = get_model("order", "Order")


def showroom(name, active=True):
    return Showroom.objects.create(
        name=name,
        slug=name.lower().replace(" ", "-"),
        province=factories.ProvinceFactory(),
        street_address="1 Hùng Vương",
        is_active=active,
    )


def weighing(kg, price=Decimal("125000")):
    product = stocked_product(num_in_stock=10, price=price)
    ProductAttribute.objects.get_or_create(
        product_class=product.product_class,
        code="weight",
        defaults={"name": "Weight", "type": "float"},
    )
    product.attr.weight = kg
    product.save()
    return product


def methods_for(basket):
    return Repository().get_shipping_methods(basket)


def test_home_delivery_and_open_showrooms_are_offered():
    showroom("Điểm OCOP Quảng Ngãi")
    showroom("Điểm đã đóng", active=False)
    methods = methods_for(basket_with(weighing(1)))
    names = [str(m.name) for m in methods]
    assert names[0] == "Giao hàng tận nơi"
    assert any("Điểm OCOP Quảng Ngãi" in n for n in names)
    assert not any("Điểm đã đóng" in n for n in names)
    collect = methods[1]
    assert collect.calculate(basket_with(weighing(1))).incl_tax == 0


@pytest.mark.parametrize(
    "kg,fee",
    [
        (Decimal("0.8"), 30000),
        (Decimal("2.5"), 45000),
        (Decimal("4"), 60000),
        (Decimal("9"), 90000),
    ],
)
def test_home_delivery_fee_by_weight(kg, fee):
    home = methods_for(basket_with(weighing(kg, price=Decimal("50000"))))[0]
    assert home.calculate(basket_with(weighing(kg, price=Decimal("50000")))).incl_tax == fee


def test_home_delivery_free_above_threshold_staff_set():
    method = WeightBased.objects.get(code="home-delivery")
    method.free_shipping_threshold = Decimal("300000")
    method.save()
    cheap = basket_with(weighing(Decimal("0.4")), quantity=2)  # 250.000, 0,8 kg
    dear = basket_with(weighing(Decimal("0.4")), quantity=3)  # 375.000, 1,2 kg
    assert methods_for(cheap)[0].calculate(cheap).incl_tax == 30000
    assert methods_for(dear)[0].calculate(dear).incl_tax == 0


def test_services_need_no_shipping_address(client):
    product = stocked_product(num_in_stock=10)
    product.product_class.requires_shipping = False
    product.product_class.save()
    basket = basket_with(product)
    assert [m.code for m in methods_for(basket)] == ["no-shipping-required"]
    record = product.stockrecords.get()
    client.post(
        reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1, "stockrecord": record.pk}
    )
    client.post(reverse("checkout:index"), {"username": "an@example.vn", "options": "anonymous"})
    response = client.get(reverse("checkout:shipping-address"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("checkout:payment-method")
    assert response.status_code == 200
    choose(client, "cod")
    assert place(client).status_code == 302
    order = Order.objects.get()
    assert order.shipping_address is None
    assert order.shipping_incl_tax == 0


def test_click_and_collect_order(client):
    room = showroom("Điểm OCOP Quảng Ngãi")
    product = weighing(1)
    to_payment_method(client, product, method_code=f"collect-{room.pk}")
    choose(client, "cod")
    assert place(client).status_code == 302
    order = Order.objects.get()
    assert "Điểm OCOP Quảng Ngãi" in order.shipping_method
    assert order.shipping_incl_tax == 0
    assert order.total_incl_tax == Decimal("125000")
