from django import template

from shop.reviews import rules

register = template.Library()


@register.simple_tag
def review_refusal(product, user):
    """Why ``user`` may not review ``product`` (empty when they may)."""
    return rules.refusal(product, user) or ""
