"""Baskets and orders for the checkout tests."""

from decimal import Decimal

from oscar.core.loading import get_class, get_model

from tests import factories

Selector = get_class("partner.strategy", "Selector")
Free = get_class("shipping.methods", "Free")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")


def stocked_product(num_in_stock=3, price=Decimal("125000"), **kwargs):
    product = factories.ProductFactory(**kwargs)
    factories.StockRecordFactory(product=product, num_in_stock=num_in_stock, price=price)
    return product


def basket_with(product, quantity=1, owner=None):
    Basket = get_model("basket", "Basket")
    basket = Basket.objects.create(owner=owner)
    basket.strategy = Selector().strategy()
    basket.add_product(product, quantity=quantity)
    return basket


def load_basket(pk):
    Basket = get_model("basket", "Basket")
    basket = Basket.objects.get(pk=pk)
    basket.strategy = Selector().strategy()
    return basket


def place(basket, **kwargs):
    from shop.checkout import services

    method = Free()
    charge = method.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, charge)
    return services.place_order(
        basket=basket,
        total=total,
        shipping_method=method,
        shipping_charge=charge,
        order_number=str(100000 + basket.pk),
        **kwargs,
    )


def ensure_vietnam():
    """Vietnam as shipping country and the Site (migrations add them; transactional tests
    run earlier in the session flush them)."""
    import importlib

    from django.apps import apps
    from django.conf import settings
    from django.contrib.sites.models import Site

    Site.objects.get_or_create(
        pk=settings.SITE_ID, defaults={"domain": "example.com", "name": "example.com"}
    )
    Site.objects.clear_cache()

    migration = importlib.import_module("shop.checkout.migrations.0001_vietnam_shipping_country")
    migration.add_vietnam(apps, None)
