from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from shop.checkout import services
from tests.checkout.helpers import basket_with, place, stocked_product

pytestmark = pytest.mark.django_db

StockRecord = get_model("partner", "StockRecord")


def _stock(product):
    return StockRecord.objects.get(product=product)


def test_place_order_allocates_stock():
    product = stocked_product(num_in_stock=3)
    order = place(basket_with(product, 2))
    assert order.lines.get().quantity == 2
    record = _stock(product)
    assert record.num_allocated == 2
    assert record.net_stock_level == 1


def test_place_order_refuses_when_not_enough_left():
    Order = get_model("order", "Order")
    product = stocked_product(num_in_stock=3, title="Mật ong rừng")
    basket = basket_with(product, 2)
    place(basket_with(product, 2))
    with pytest.raises(services.SoldOut) as exc:
        place(basket)
    assert "Mật ong rừng" in str(exc.value)
    assert "hết hàng" in str(exc.value)
    assert Order.objects.count() == 1
    assert _stock(product).num_allocated == 2


def test_untracked_products_are_not_limited():
    product = stocked_product(num_in_stock=0)
    product.product_class.track_stock = False
    product.product_class.save()
    order = place(basket_with(product, 5))
    assert order.lines.get().quantity == 5


def test_mark_order_paid_is_idempotent():
    order = place(basket_with(stocked_product(), 1))
    assert order.status == services.PENDING_PAYMENT
    services.mark_order_paid(order, method="card", amount=order.total_incl_tax, reference="pi_1")
    services.mark_order_paid(order, method="card", amount=order.total_incl_tax, reference="pi_1")
    order.refresh_from_db()
    assert order.status == services.PAID
    assert order.payment_events.count() == 1
    source = order.sources.get()
    assert source.source_type.name == "Stripe"
    assert source.amount_debited == order.total_incl_tax


def test_cancel_order_releases_stock_once():
    product = stocked_product(num_in_stock=3)
    order = place(basket_with(product, 2))
    services.cancel_order(order, reason="test")
    services.cancel_order(order, reason="test")
    order.refresh_from_db()
    assert order.status == services.CANCELLED
    assert set(order.lines.values_list("status", flat=True)) == {services.CANCELLED}
    assert _stock(product).num_allocated == 0
    assert order.notes.filter(message="test").count() == 1


def test_cancel_paid_order_needs_refund_first():
    product = stocked_product(num_in_stock=3)
    order = place(basket_with(product, 1))
    services.mark_order_paid(
        order, method="bank_transfer", amount=order.total_incl_tax, reference="x"
    )
    with pytest.raises(ValueError):
        services.cancel_order(order, reason="no")
    order.refresh_from_db()
    assert order.status == services.PAID
    assert _stock(product).num_allocated == 1
    order.sources.get().refund(order.total_incl_tax, reference="r")
    services.cancel_order(order, reason="refunded")
    assert _stock(product).num_allocated == 0


def test_cod_ceiling(settings):
    settings.COD_MAX_ORDER_TOTAL = 5_000_000
    assert services.cod_allowed(Decimal("5000000"))
    assert not services.cod_allowed(Decimal("5000001"))
