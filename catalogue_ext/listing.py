"""Querysets for product listings (catalogue, categories, search, producer pages, home page).

``listing_queryset()`` loads everything a product card shows — certificate and product group,
product class, images, the stock record with its partner and producer (and the producer's
locality) — with a fixed number of SQL queries, however many products are on the page.

Oscar's strategy picks a product's stock record with ``product.stockrecords.all()[0]``,
which reads the prefetch cache set up here, so prices and availability cost no extra query.
"""

from django.db.models import Exists, OuterRef, Prefetch
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
Option = get_model("catalogue", "Option")
StockRecord = get_model("partner", "StockRecord")

# Relations loaded with a JOIN (one row per product).
CARD_SELECT_RELATED = (
    "product_class",
    "parent",
    "ocop_certificate__group",
    "ocop_certificate__subgroup",
)


def stockrecord_queryset():
    """Stock records with their seller (partner → producer → locality) in the same query."""
    return StockRecord.objects.select_related(
        "partner",
        "partner__producer",
        "partner__producer__district",
        "partner__producer__commune",
        "partner__producer__province",
    ).order_by("pk")


def with_card_relations(queryset):
    """Add the joins, prefetches and annotations a product card needs to ``queryset``."""
    from shop.bundles.services import component_queryset

    return (
        queryset.select_related(*CARD_SELECT_RELATED)
        .annotate(
            # Read by Product.has_options, so the add-to-basket form costs no query.
            has_product_class_options=Exists(
                Option.objects.filter(productclass=OuterRef("product_class"))
            ),
            has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
        )
        .prefetch_related(
            Prefetch("stockrecords", queryset=stockrecord_queryset()),
            Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "pk")),
            "children",
            "product_options",
            "product_class__options",
            # A gift bundle's availability is computed from its components' stock.
            Prefetch("gift_bundle__components", queryset=component_queryset()),
        )
    )


def listing_queryset(queryset=None):
    """Public, browsable products ready for product cards with a constant number of queries.

    ``queryset`` narrows the products (e.g. ``Product.objects.filter(categories=…)``); by
    default every browsable product. Non-public products, child variants and gift bundles
    waiting for staff approval (``shop.bundles.approval.listed``) are excluded.
    """
    from shop.bundles.approval import listed

    if queryset is None:
        queryset = Product.objects.all()
    return with_card_relations(queryset.filter(listed(), is_public=True, parent__isnull=True))


def producer_of(product):
    """The producer selling ``product`` (from the prefetched stock records), or None."""
    for stockrecord in product.stockrecords.all():
        # A missing producer raises RelatedObjectDoesNotExist, an AttributeError.
        return getattr(stockrecord.partner, "producer", None)
    return None
