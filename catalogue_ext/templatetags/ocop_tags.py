"""Template helpers for OCOP product cards and pages: ``{% load ocop_tags %}``."""

from django import template
from django.template.loader import render_to_string

from catalogue_ext.listing import producer_of

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
    return render_to_string(
        "catalogue_ext/ocop_badge.html", {"product": product, "badge_size": size}
    )
