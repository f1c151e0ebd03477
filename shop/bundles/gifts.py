"""Gift options of a checkout: message, sender, wrapping and delivery to someone else, kept
in the checkout session and recorded on the order."""

from decimal import Decimal

from .models import GiftOptions, GiftWrapping

GIFT_WRAPPING_CODE = "gift-wrapping"

# --- Gift options --------------------------------------------------------------------------


SESSION_NAMESPACE = "gift"
SESSION_KEY = "options"


def current_wrapping():
    """The gift-wrapping option offered now, or None."""
    return GiftWrapping.objects.filter(is_active=True).order_by("pk").first()


def session_gift_options(request):
    from oscar.apps.checkout.utils import CheckoutSessionData

    return CheckoutSessionData(request)._get(SESSION_NAMESPACE, SESSION_KEY) or {}


def gift_for_someone_else(request):
    """Whether this checkout's gift goes to someone else (then nobody pays on delivery:
    the recipient would pay and see the price the packing slip hides)."""
    return bool(session_gift_options(request).get("recipient_is_other"))


def store_gift_options(request, options):
    from oscar.apps.checkout.utils import CheckoutSessionData

    CheckoutSessionData(request)._set(SESSION_NAMESPACE, SESSION_KEY, options)


def wrapping_wanted(options):
    return bool(options.get("wrapping")) and current_wrapping() is not None


def record_gift_options(order, options):
    """Keep the buyer's gift options on the order (nothing when none were chosen)."""
    options = options or {}
    if not any(
        options.get(k) for k in ("message", "sender_name", "wrapping", "recipient_is_other")
    ):
        return None
    wrapping_price = sum(
        (s.incl_tax for s in order.surcharges.filter(code=GIFT_WRAPPING_CODE)), Decimal("0")
    )
    return GiftOptions.objects.create(
        order=order,
        message=(options.get("message") or "")[:500],
        sender_name=(options.get("sender_name") or "")[:100],
        wrapping=order.surcharges.filter(code=GIFT_WRAPPING_CODE).exists(),
        wrapping_price=wrapping_price,
        recipient_is_other=bool(options.get("recipient_is_other")),
    )


def gift_options_of(order):
    try:
        return order.gift_options
    except GiftOptions.DoesNotExist:
        return None
