"""Template helpers of gift bundles: ``{% load bundle_tags %}``."""

from django import template

from shop.bundles import services

register = template.Library()


@register.simple_tag(takes_context=True)
def checkout_gift_options(context):
    """The gift options chosen in this checkout (a dict, empty when none)."""
    request = context.get("request")
    if request is None:
        return {}
    options = services.session_gift_options(request)
    if not any(
        options.get(k) for k in ("message", "sender_name", "wrapping", "recipient_is_other")
    ):
        return {}
    return options


@register.simple_tag
def order_gift_options(order):
    return services.gift_options_of(order) if order is not None else None


@register.simple_tag
def bundle_components(product):
    """The components of a gift bundle, with their products' stock records and certificates."""
    if not services.is_bundle(product):
        return []
    return services.components_of(product)


@register.filter
def is_gift_bundle(product):
    return services.is_bundle(product)


class _Shipments(dict):
    has_bundles = False


@register.simple_tag
def order_shipments(order):
    """``{partner: [items]}`` of ``order`` (``has_bundles`` tells whether it holds a bundle)."""
    shipments = _Shipments()
    if order is None:
        return shipments
    shipments.update(
        sorted(
            services.shipments_by_partner(order).items(),
            key=lambda kv: kv[0].name if kv[0] else "",
        )
    )
    shipments.has_bundles = any(item.bundle_title for items in shipments.values() for item in items)
    return shipments
