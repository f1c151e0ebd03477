"""Bank-transfer orders for the tests, placed through Oscar's order creator (stock allocated).

The order operations ``mark_order_paid`` / ``cancel_order`` belong to the checkout app; when
it is not installed yet, ``checkout_services`` stands in with a minimal version of the same
contract (tests only).
"""

import datetime
import types
from decimal import Decimal

import pytest
from django.utils import timezone
from oscar.core.loading import get_class, get_model
from oscar.test import factories

from shop.banktransfer import services

Basket = get_model("basket", "Basket")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventType = get_model("order", "PaymentEventType")
Order = get_model("order", "Order")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
Default = get_class("partner.strategy", "Default")


def _fallback_mark_order_paid(order, *, method, amount, reference, user=None):
    if PaymentEvent.objects.filter(order=order, reference=reference).exists():
        return order
    name = {"bank_transfer": services.SOURCE_TYPE_NAME}.get(method, method)
    source_type, _ = SourceType.objects.get_or_create(name=name)
    source, _ = Source.objects.get_or_create(
        order=order, source_type=source_type, defaults={"currency": order.currency}
    )
    source.debit(amount, reference=reference)
    event_type, _ = PaymentEventType.objects.get_or_create(name="Paid")
    PaymentEvent.objects.create(
        order=order, amount=amount, reference=reference, event_type=event_type
    )
    order.status = "paid"
    order.save(update_fields=["status"])
    return order


def _fallback_cancel_order(order, *, reason, user=None):
    if order.status == "cancelled":
        return order
    if order.status == "paid":
        raise ValueError("refund first")
    for line in order.lines.all():
        if line.stockrecord_id:
            line.stockrecord.cancel_allocation(line.quantity)
    order.status = "cancelled"
    order.save(update_fields=["status"])
    return order


def _real_checkout_services():
    try:
        from shop.checkout import services as checkout
    except ImportError:
        return None
    if hasattr(checkout, "mark_order_paid") and hasattr(checkout, "cancel_order"):
        return checkout
    return None


@pytest.fixture(autouse=True)
def checkout_services(monkeypatch):
    real = _real_checkout_services()
    if real is not None:
        return real
    fallback = types.SimpleNamespace(
        mark_order_paid=_fallback_mark_order_paid, cancel_order=_fallback_cancel_order
    )
    monkeypatch.setattr(services, "_checkout", lambda: fallback)
    return fallback


@pytest.fixture(autouse=True)
def bank_settings(settings):
    settings.BANK_TRANSFER_BANK_BIN = "970436"
    settings.BANK_TRANSFER_ACCOUNT_NUMBER = "0123456789"
    settings.BANK_TRANSFER_ACCOUNT_NAME = "DEMO CHO OCOP QUANG NGAI"
    settings.BANK_TRANSFER_TIMEOUT_HOURS = 48
    return settings


def place_order(
    *, user=None, price=Decimal("1250000"), quantity=1, bank_transfer=True, placed=None
):
    """An order of ``quantity`` × one product at ``price`` (stock 10), status pending_payment."""
    product = factories.create_product(price=None)
    stockrecord = factories.create_stockrecord(product, price=price, num_in_stock=10)
    basket = Basket.objects.create(owner=user)
    basket.strategy = Default()
    basket.add_product(product, quantity)
    order = factories.create_order(basket=basket, user=user, status="pending_payment")
    if bank_transfer:
        services.record_bank_transfer(order)
    if placed is not None:
        Order.objects.filter(pk=order.pk).update(date_placed=placed)
    order.refresh_from_db()
    stockrecord.refresh_from_db()
    order.test_stockrecord = stockrecord
    return order


@pytest.fixture
def make_order(db):
    return place_order


@pytest.fixture
def hours_ago():
    def _ago(hours):
        return timezone.now() - datetime.timedelta(hours=hours)

    return _ago
