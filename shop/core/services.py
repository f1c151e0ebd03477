"""What the home page shows: plain queries the view calls (each a fixed number of SQL queries)."""

from django.db.models import Exists, OuterRef
from oscar.core.loading import get_model

from catalogue_ext.listing import listing_queryset

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
Certificate = get_model("catalogue", "Certificate")

FEATURED_MIN_STARS = 4


def certified_products(min_stars=None):
    """Browsable products whose certificate currently shows a badge, ready for product cards."""
    eligible = Certificate.objects.badge_eligible()
    if min_stars:
        eligible = eligible.filter(stars__gte=min_stars)
    return listing_queryset(Product.objects.filter(Exists(eligible.filter(product=OuterRef("pk")))))


def featured_products(limit=8):
    """The best-rated certified products (4 stars or more), highest stars and score first."""
    return list(
        certified_products(min_stars=FEATURED_MIN_STARS).order_by(
            "-ocop_certificate__stars", "-ocop_certificate__score", "title", "pk"
        )[:limit]
    )


def newest_certified_products(limit=8):
    """The most recently certified products, newest decision first."""
    return list(
        certified_products().order_by("-ocop_certificate__decision_date", "-date_created", "-pk")[
            :limit
        ]
    )


def browse_categories():
    """Top-level public categories (the OCOP product groups) for the browse links."""
    return list(Category.get_root_nodes().filter(is_public=True))
