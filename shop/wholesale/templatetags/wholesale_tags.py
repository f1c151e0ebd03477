from django import template

from .. import services

register = template.Library()


@register.inclusion_tag("wholesale/partials/product_tiers.html", takes_context=True)
def wholesale_tiers(context, product):
    """The product's price tiers, MOQ and case size, for buyers of a verified business only."""
    request = context.get("request")
    business = services.verified_business_for(getattr(request, "user", None))
    if business is None or product.is_parent:
        return {"show": False}
    info = request.strategy.fetch_for_product(product)
    record = info.stockrecord
    if record is None:
        return {"show": False}
    terms = services.terms_for(record)
    return {
        "show": True,
        "tiers": services.tier_rows(record),
        "min_quantity": terms.min_quantity if terms else 1,
        "case_size": terms.case_size if terms else 1,
        "vat_rate": services.vat_rate(record),
        "sku": record.partner_sku,
    }
