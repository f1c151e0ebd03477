"""Gift bundles: availability from the components, pricing, the basket-level check, orders
that allocate the components, and cancellation that releases them."""

from decimal import Decimal

import pytest
from oscar.core.loading import get_class, get_model

from shop.bundles import services
from shop.bundles.models import GiftBundle, OrderLineComponent
from shop.checkout import services as checkout
from tests.bundles.helpers import bundle, component, free
from tests.checkout.helpers import basket_with, ensure_vietnam, place

Selector = get_class("partner.strategy", "Selector")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def purchase_info(product):
    return Selector().strategy().fetch_for_product(product)


def test_availability_is_the_scarcest_component():
    garlic, syrup = component(num_in_stock=10), component(num_in_stock=7)
    gift = bundle([(garlic, 2), (syrup, 3)])
    # garlic: 10 // 2 = 5, syrup: 7 // 3 = 2
    assert services.bundle_availability(gift) == 2
    info = purchase_info(gift)
    assert info.availability.num_available == 2
    assert info.availability.is_purchase_permitted(2)[0]
    assert not info.availability.is_purchase_permitted(3)[0]


def test_availability_follows_allocations_live():
    garlic = component(num_in_stock=4)
    gift = bundle([(garlic, 2)])
    assert services.bundle_availability(gift) == 2
    StockRecord.objects.filter(product=garlic).update(num_allocated=3)
    assert services.bundle_availability(gift) == 0
    assert not purchase_info(gift).availability.is_available_to_buy


def test_a_hidden_component_sells_the_bundle_out():
    AddToBasketForm = get_class("basket.forms", "AddToBasketForm")
    garlic = component(num_in_stock=9)
    syrup = component(num_in_stock=9)
    gift = bundle([(garlic, 3), (syrup, 1)])
    assert services.bundle_availability(gift) == 3
    syrup.is_public = False
    syrup.save()
    gift.refresh_from_db()
    assert services.bundle_availability(gift) == 0
    assert not purchase_info(gift).availability.is_available_to_buy
    basket = basket_with(garlic, 1)
    assert not AddToBasketForm(basket, gift, data={"quantity": 1}).is_valid()


def test_price_is_the_components_sum_less_the_discount_in_whole_dong():
    garlic = component(price=Decimal("125000"))
    syrup = component(price=Decimal("60000"))
    gift = bundle([(garlic, 1), (syrup, 2)], discount_percent=10, discount_amount=Decimal("333"))
    # (125000 + 120000) * 0.9 - 333 = 220167
    assert purchase_info(gift).price.incl_tax == Decimal("220167")


def test_price_follows_a_component_price_change():
    garlic = component(price=Decimal("100000"))
    gift = bundle([(garlic, 2)])
    record = garlic.stockrecords.get()
    record.price = Decimal("110000")
    record.save()
    assert purchase_info(gift).price.incl_tax == Decimal("220000")


def test_fixed_price_bundle():
    gift = bundle(
        [(component(), 1)], pricing=GiftBundle.Pricing.FIXED, fixed_price=Decimal("450000")
    )
    assert purchase_info(gift).price.incl_tax == Decimal("450000")
    assert gift.stockrecords.get().partner.code == services.MARKETPLACE_PARTNER_CODE


def test_bad_bundles_are_refused():
    garlic = component()
    gift = bundle([(garlic, 1)])
    with pytest.raises(ValueError):
        bundle([(gift, 1)], title="Hộp lồng hộp")
    with pytest.raises(ValueError):
        bundle([(garlic, 1), (garlic, 2)], title="Trùng")
    with pytest.raises(ValueError):
        bundle([], title="Rỗng")


def test_basket_counts_bundle_and_loose_lines_against_the_same_stock():
    garlic, syrup = component(num_in_stock=5), component(num_in_stock=50)
    gift = bundle([(garlic, 2), (syrup, 1)])
    basket = basket_with(gift, 2)  # 4 garlic
    assert (
        services.basket_problem(
            basket, product=garlic, stockrecord=garlic.stockrecords.get(), add=1
        )
        is None
    )
    problem = services.basket_problem(
        basket, product=garlic, stockrecord=garlic.stockrecords.get(), add=2
    )
    assert problem and "Hộp quà Tết thử" in problem or garlic.get_title() in problem


def test_add_to_basket_form_refuses_loose_units_taken_by_a_bundle_line():
    AddToBasketForm = get_class("basket.forms", "AddToBasketForm")
    garlic = component(num_in_stock=5)
    gift = bundle([(garlic, 2)])
    basket = basket_with(gift, 2)
    ok = AddToBasketForm(basket, garlic, data={"quantity": 1})
    assert ok.is_valid(), ok.errors
    too_many = AddToBasketForm(basket, garlic, data={"quantity": 2})
    assert not too_many.is_valid()
    # The message names the product that runs short, not the bundle holding the rest.
    assert garlic.get_title() in str(too_many.errors)
    assert gift.get_title() not in str(too_many.errors)
    more_bundles = AddToBasketForm(basket, gift, data={"quantity": 1})
    assert not more_bundles.is_valid()


def test_basket_line_form_checks_the_whole_basket():
    BasketLineForm = get_class("basket.forms", "BasketLineForm")
    garlic = component(num_in_stock=6)
    gift = bundle([(garlic, 2)])
    basket = basket_with(gift, 1)
    basket.add_product(garlic, 2)
    gift_line = basket.all_lines().get(product=gift)
    strategy = Selector().strategy()
    ok = BasketLineForm(strategy, instance=gift_line, data={"quantity": 2})
    assert ok.is_valid(), ok.errors
    too_many = BasketLineForm(strategy, instance=gift_line, data={"quantity": 3})
    assert not too_many.is_valid()


def test_order_allocates_every_component_and_keeps_one_bundle_line():
    ensure_vietnam()
    garlic, syrup = component(num_in_stock=10), component(num_in_stock=10)
    gift = bundle([(garlic, 2), (syrup, 1)])
    basket = basket_with(gift, 2)
    basket.add_product(garlic, 1)
    order = place(basket)
    assert order.lines.count() == 2
    bundle_line = order.lines.get(product=gift)
    assert bundle_line.quantity == 2
    assert free(garlic) == 10 - 4 - 1
    assert free(syrup) == 10 - 2
    parts = {c.product_id: c for c in OrderLineComponent.objects.filter(line=bundle_line)}
    assert parts[garlic.pk].quantity == 4
    assert parts[syrup.pk].quantity == 2
    garlic_partner = garlic.stockrecords.get().partner
    assert [c.product for c in services.components_for_partner(order, garlic_partner)] == [garlic]
    shipments = services.shipments_by_partner(order)
    assert sorted(item.quantity for item in shipments[garlic_partner]) == [1, 4]
    assert services.marketplace_partner() not in shipments


def test_order_is_all_or_nothing():
    ensure_vietnam()
    garlic, syrup = component(num_in_stock=10), component(num_in_stock=1)
    gift = bundle([(garlic, 1), (syrup, 1)])
    basket = basket_with(gift, 1)
    StockRecord.objects.filter(product=syrup).update(num_allocated=1)
    with pytest.raises(checkout.SoldOut) as sold_out:
        place(basket)
    assert sold_out.value.products == [gift]
    assert free(garlic) == 10
    assert not OrderLineComponent.objects.exists()


def test_cancelling_releases_the_components():
    ensure_vietnam()
    garlic, syrup = component(num_in_stock=10), component(num_in_stock=10)
    gift = bundle([(garlic, 2), (syrup, 1)])
    basket = basket_with(gift, 3)
    basket.add_product(syrup, 1)
    order = place(basket)
    assert (free(garlic), free(syrup)) == (4, 6)
    checkout.cancel_order(order, reason="Khách đổi ý")
    assert (free(garlic), free(syrup)) == (10, 10)
    checkout.cancel_order(order, reason="again")  # idempotent
    assert (free(garlic), free(syrup)) == (10, 10)
