from urllib.parse import urlencode

from django import template
from django.urls import reverse

from shop.banktransfer import services

register = template.Library()


@register.filter
def is_awaiting_transfer(order):
    return bool(order) and services.awaiting_transfer(order)


@register.inclusion_tag("banktransfer/instructions.html", takes_context=True)
def bank_transfer_instructions(context, order):
    """Payment instructions (VietQR code and account) for a bank-transfer order awaiting payment.

    Renders nothing for any other order.
    """
    if not order or not services.awaiting_transfer(order):
        return {"show": False}
    request = context.get("request")
    qr_url = reverse("banktransfer:qr-png", kwargs={"order_number": order.number})
    if request is not None and order.user_id is None:
        # A guest's link keeps working from the emailed order-status page too.
        services.remember_guest_order(request, order)
        qr_url += "?" + urlencode({"key": order.verification_hash()})
    return {
        "show": True,
        "order": order,
        "qr_url": qr_url,
        "account": services.account(),
        "amount": services.whole_dong(order.total_incl_tax),
        "currency": order.currency,
        "note": services.transfer_note(order),
        "deadline": services.deadline(order),
        "timeout_hours": services.settings.BANK_TRANSFER_TIMEOUT_HOURS,
    }
