"""``status_label``: an order, line or bundle component status as the shopper and the
producers read it (``pending_payment`` → "Chờ thanh toán"); unknown codes are shown as
they are. ``shipped_parcels``: what left for an order, with carriers and tracking numbers."""

from django import template

from shop.checkout import services

register = template.Library()


@register.filter
def status_label(code):
    return services.status_label(code)


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
