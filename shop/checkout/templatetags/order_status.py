"""``status_label``: an order, line or bundle component status as the shopper and the
producers read it (``pending_payment`` → "Chờ thanh toán"); unknown codes are shown as
they are."""

from django import template
from django.utils.translation import gettext_lazy as _

from shop.checkout.services import STATUS_LABELS

register = template.Library()

EXTRA_LABELS = {"packed": _("Packed")}


@register.filter
def status_label(code):
    if not code:
        return "-"
    label = STATUS_LABELS.get(code) or EXTRA_LABELS.get(code)
    return label if label is not None else code
