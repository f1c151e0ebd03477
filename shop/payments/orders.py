"""What card payments do to orders, through the checkout's operations.

``mark_order_paid`` / ``cancel_order`` are ``shop.checkout.services``'s (imported lazily: the
checkout app imports the payments app too).
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


def mark_order_paid(order, *, amount, reference, user=None):
    from shop.checkout import services  # the checkout app imports this one

    return services.mark_order_paid(
        order, method="card", amount=amount, reference=reference, user=user
    )


def cancel_order(order, *, reason, user=None):
    from shop.checkout import services  # the checkout app imports this one

    return services.cancel_order(order, reason=reason, user=user)


def source(order, create=False):
    Source = get_model("payment", "Source")
    SourceType = get_model("payment", "SourceType")
    found = Source.objects.filter(order=order, source_type__name=SOURCE_TYPE_NAME).first()
    if found is None and create:
        source_type, _ = SourceType.objects.get_or_create(name=SOURCE_TYPE_NAME)
        found = Source.objects.create(order=order, source_type=source_type, currency=order.currency)
    return found
