"""``status_label``: an order, line or bundle component status as the shopper and the
producers read it (``pending_payment`` → "Chờ thanh toán"); unknown codes are shown as
they are. ``shipped_parcels``: what left for an order, with carriers and tracking numbers."""

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


@register.simple_tag
def shipped_parcels(order):
    """The parcels that left for ``order`` (its "Shipped" shipping events, whoever sent
    them: a producer from its workspace or staff for the whole order), oldest first, with
    the carrier and tracking number in their notes."""
    return list(
        order.shipping_events.filter(event_type__code="shipped")
        .prefetch_related("line_quantities__line")
        .order_by("date_created", "pk")
    )
