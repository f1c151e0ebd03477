"""Template helpers for OCOP product cards and pages: ``{% load ocop_tags %}``."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from oscar.core.loading import get_class

from catalogue_ext.listing import listing_queryset, producer_of

CustomerHistoryManager = get_class("customer.history", "CustomerHistoryManager")

register = template.Library()


@register.filter
def star_glyphs(stars):
    """``4`` → ``"★★★★"`` (nothing for 0 or bad input)."""
    try:
        return "★" * max(0, min(int(stars), 5))
    except (TypeError, ValueError):
        return ""


@register.filter
def product_producer(product):
    """The producer selling ``product`` (uses prefetched stock records), or None."""
    if product is None or not getattr(product, "pk", None):
        return None
    return producer_of(product)


@register.simple_tag
def ocop_badge(product, size=""):
    """The star badge of ``product``; empty unless it holds a valid 3★+ certificate."""
    html = render_to_string(
        "catalogue_ext/ocop_badge.html", {"product": product, "badge_size": size}
    )
    return mark_safe(html.strip())  # noqa: S308 (rendered by the template engine)


@register.simple_tag
def recommended_cards(product, limit=6):
    """``product``'s recommended products, loaded for cards (constant queries), in rank order."""
    if product is None or not getattr(product, "pk", None):
        return []
    ids = list(
        product.primary_recommendations.order_by("-ranking", "pk").values_list(
            "recommendation_id", flat=True
        )[: int(limit)]
    )
    by_id = listing_queryset().in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


@register.inclusion_tag("oscar/customer/history/recently_viewed_products.html", takes_context=True)
def recently_viewed_cards(context, current_product=None, limit=6):
    """Oscar's "recently viewed" strip, with products loaded for cards (constant queries)."""
    request = context["request"]
    history = CustomerHistoryManager.extract(request)
    if not isinstance(history, list):  # a tampered cookie
        history = []
    ids = [
        pk
        for pk in reversed(history)
        if isinstance(pk, int) and (not current_product or pk != current_product.pk)
    ][: int(limit)]
    by_id = listing_queryset().in_bulk(ids) if ids else {}
    return {"products": [by_id[pk] for pk in ids if pk in by_id], "request": request}
