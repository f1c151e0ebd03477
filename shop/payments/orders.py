"""What card payments do to orders, through the checkout's operations.

``mark_order_paid`` / ``cancel_order`` come from ``shop.checkout.services`` (imported lazily:
the checkout app imports the payments app too); a minimal stand-in is used while it is absent.
"""

from decimal import Decimal

from django.conf import settings
from oscar.core.loading import get_model

from .gateway import StripeGateway

SOURCE_TYPE_NAME = "Stripe"
PAID_STATUS = "paid"
CANCELLED_STATUS = "cancelled"
PENDING_STATUS = "pending_payment"
# A full refund before these statuses also cancels the order (stock goes back on sale).
SHIPPED_STATUSES = {"shipped", "delivered", "Complete"}


def gateway():
    return StripeGateway()


def whole_dong(amount):
    return Decimal(amount).quantize(Decimal(1))


def plain(obj):
    """A Stripe object as a plain dict (events and intents are read with ``.get``)."""
    return obj.to_dict() if hasattr(obj, "to_dict") else obj


def card_amount_limits():
    """(lowest, highest) order total, in whole dong, that Stripe accepts for a VND charge."""
    return settings.STRIPE_MIN_AMOUNT_VND, settings.STRIPE_MAX_AMOUNT_VND


def card_amount_allowed(total):
    """Card payment only for a whole-dong total within Stripe's VND limits."""
    if total is None:
        return False
    value = Decimal(total)
    low, high = card_amount_limits()
    return value == value.to_integral_value() and low <= value <= high


def lock_order(order):
    Order = get_model("order", "Order")
    return Order.objects.select_for_update().get(pk=order.pk)


def _checkout_services():
    try:
        from shop.checkout import services
    except ImportError:
        return None
    if hasattr(services, "mark_order_paid") and hasattr(services, "cancel_order"):
        return services
    return None


def mark_order_paid(order, *, amount, reference, user=None):
    services = _checkout_services()
    if services is not None:
        return services.mark_order_paid(
            order, method="card", amount=amount, reference=reference, user=user
        )
    return _standalone_mark_paid(order, amount=amount, reference=reference)


def cancel_order(order, *, reason, user=None):
    services = _checkout_services()
    if services is not None:
        return services.cancel_order(order, reason=reason, user=user)
    return _standalone_cancel(order)


def _standalone_mark_paid(order, *, amount, reference):
    """Record the payment Oscar's way when the checkout app is not installed."""
    PaymentEvent = get_model("order", "PaymentEvent")
    PaymentEventType = get_model("order", "PaymentEventType")
    if PaymentEvent.objects.filter(order=order, reference=reference).exists():
        return order
    source(order, create=True).debit(amount, reference=reference)
    event_type, _ = PaymentEventType.objects.get_or_create(name="Paid")
    PaymentEvent.objects.create(
        order=order, amount=amount, reference=reference, event_type=event_type
    )
    order.status = PAID_STATUS
    order.save(update_fields=["status"])
    return order


def _standalone_cancel(order):
    if order.status == CANCELLED_STATUS:
        return order
    for line in order.lines.all():
        if line.stockrecord_id:
            line.stockrecord.cancel_allocation(line.quantity)
    order.status = CANCELLED_STATUS
    order.save(update_fields=["status"])
    return order


def source(order, create=False):
    Source = get_model("payment", "Source")
    SourceType = get_model("payment", "SourceType")
    found = Source.objects.filter(order=order, source_type__name=SOURCE_TYPE_NAME).first()
    if found is None and create:
        source_type, _ = SourceType.objects.get_or_create(name=SOURCE_TYPE_NAME)
        found = Source.objects.create(order=order, source_type=source_type, currency=order.currency)
    return found
