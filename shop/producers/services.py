"""Querysets for the public producer pages."""

from django.db.models import Count, F, Q
from django.utils import timezone
from oscar.core.loading import get_model

from catalogue_ext.models import CERTIFIED_MIN_STARS

from .models import Producer

Product = get_model("catalogue", "Product")

CERT = "partner__stockrecords__product__ocop_certificate"


def certified_products_q(prefix=CERT, today=None):
    """Q matching a badge-eligible certificate at ``prefix`` (mirrors ``badge_eligible()``)."""
    today = today or timezone.localdate()
    return Q(
        **{
            f"{prefix}__stars__gte": CERTIFIED_MIN_STARS,
            f"{prefix}__verified": True,
            f"{prefix}__revoked": False,
            f"{prefix}__expires_on__gte": today,
            "partner__stockrecords__product__is_public": True,
        }
    )


def directory_queryset(filters=None):
    """Public producers with their locality and number of certified products (one query)."""
    filters = filters or {}
    queryset = (
        Producer.objects.public()
        .select_related("partner", "province", "district", "commune")
        .annotate(
            certified_products=Count(
                "partner__stockrecords__product", filter=certified_products_q(), distinct=True
            )
        )
    )
    if filters.get("district"):
        queryset = queryset.filter(district=filters["district"])
    if filters.get("province"):
        queryset = queryset.filter(province=filters["province"])
    if filters.get("legal_type"):
        queryset = queryset.filter(legal_type=filters["legal_type"])
    return queryset.order_by("-certified_products", "partner__name")


def producer_products(producer):
    """The producer's public products ready for product cards, certified ones first."""
    from catalogue_ext.listing import listing_queryset

    products = Product.objects.filter(stockrecords__partner=producer.partner)
    return listing_queryset(products).order_by(
        F("ocop_certificate__stars").desc(nulls_last=True), "title", "pk"
    )
