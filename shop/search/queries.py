"""Database-backed catalogue filtering, sorting and Vietnamese search.

Plain ORM only, so SQLite and PostgreSQL behave the same:

* a query is folded (no tone marks, đ → d) with ``catalogue_ext.text.search_terms`` and every
  term must start a word of ``Product.search_text`` (AND);
* results are ranked: the exact accented phrase in the title first, then the folded phrase in
  the title, then all terms in the title, then the rest.
"""

import unicodedata

from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from oscar.core.loading import get_model

from catalogue_ext.models import CERTIFIED_MIN_STARS
from catalogue_ext.text import fold_vietnamese, search_terms

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")

# Sort keys (GET ``sort_by``), as in Oscar's search form where they overlap.
RELEVANCY = "relevancy"
NEWEST = "newest"
PRICE_LOW_TO_HIGH = "price-asc"
PRICE_HIGH_TO_LOW = "price-desc"
STARS = "stars"

SORT_ORDERINGS = {
    NEWEST: ("-date_created", "-pk"),
    PRICE_LOW_TO_HIGH: (F("listing_price").asc(nulls_last=True), "title", "pk"),
    PRICE_HIGH_TO_LOW: (F("listing_price").desc(nulls_last=True), "title", "pk"),
    STARS: ("-badge_stars", "-date_created", "pk"),
}
DEFAULT_BROWSE_SORT = STARS


def _first_stockrecord():
    # The stock record Oscar's UseFirstStockRecord strategy sells from.
    return StockRecord.objects.filter(product=OuterRef("pk")).order_by("pk")


def _badge_condition(today):
    return Q(
        ocop_certificate__stars__gte=CERTIFIED_MIN_STARS,
        ocop_certificate__verified=True,
        ocop_certificate__revoked=False,
        ocop_certificate__expires_on__gte=today,
    )


def annotate_for_sorting(queryset, today=None):
    """Add ``listing_price`` (price of the stock record sold from) and ``badge_stars``."""
    today = today or timezone.localdate()
    return queryset.annotate(
        listing_price=Subquery(_first_stockrecord().values("price")[:1]),
        badge_stars=Case(
            When(_badge_condition(today), then=F("ocop_certificate__stars")),
            default=Value(0),
            output_field=IntegerField(),
        ),
    )


def in_category(queryset, categories):
    """Products in any of ``categories`` (no duplicates)."""
    return queryset.filter(
        pk__in=ProductCategory.objects.filter(category__in=categories).values("product")
    )


def apply_filters(queryset, filters, today=None):
    """Narrow ``queryset`` by the cleaned filter values (keys as in ``ProductFilterForm``).

    Expects ``annotate_for_sorting`` to have been applied (price filters use
    ``listing_price``). Missing or empty values are ignored.
    """
    today = today or timezone.localdate()
    stars = [int(s) for s in filters.get("stars") or []]
    if stars:
        queryset = queryset.filter(_badge_condition(today), ocop_certificate__stars__in=stars)
    group = filters.get("group")
    if group:
        queryset = queryset.filter(
            Q(ocop_certificate__group=group) | Q(ocop_certificate__subgroup__parent=group)
        )
    sellers = StockRecord.objects.filter(product=OuterRef("pk"))
    district = filters.get("district")
    if district:
        queryset = queryset.filter(Exists(sellers.filter(partner__producer__district=district)))
    producer_type = filters.get("producer_type")
    if producer_type:
        queryset = queryset.filter(
            Exists(sellers.filter(partner__producer__legal_type=producer_type))
        )
    if filters.get("price_min") is not None:
        queryset = queryset.filter(listing_price__gte=filters["price_min"])
    if filters.get("price_max") is not None:
        queryset = queryset.filter(listing_price__lte=filters["price_max"])
    if filters.get("in_stock"):
        queryset = queryset.filter(
            (
                Q(gift_bundle__isnull=True)
                & Exists(
                    sellers.filter(
                        Q(num_in_stock__gt=Coalesce("num_allocated", 0))
                        | Q(product__product_class__track_stock=False)
                        | Q(product__ocop_certificate__group__is_service=True)
                    )
                )
            )
            | bundle_in_stock()
        )
    return queryset


def bundle_in_stock():
    """A gift bundle is in stock when at least one can be sold: it has components, and each
    component that tracks stock has, on its selling (first) stock record, free units for one
    bundle (the rule of ``shop.bundles.services.bundle_availability``, in SQL)."""
    BundleComponent = get_model("bundles", "BundleComponent")
    free_units = (
        StockRecord.objects.filter(product=OuterRef("product"))
        .order_by("pk")
        .annotate(free=F("num_in_stock") - Coalesce("num_allocated", 0))
        .values("free")[:1]
    )
    components = BundleComponent.objects.filter(bundle__product=OuterRef("pk"))
    short = (
        components.filter(
            Q(product__product_class__track_stock=True)
            | Q(product__parent__product_class__track_stock=True)
        )
        .annotate(free=Subquery(free_units))
        .filter(Q(free__isnull=True) | Q(free__lt=F("quantity")))
    )
    return Q(gift_bundle__isnull=False) & Exists(components) & ~Exists(short)


def order_queryset(queryset, sort_by):
    return queryset.order_by(*SORT_ORDERINGS.get(sort_by, SORT_ORDERINGS[DEFAULT_BROWSE_SORT]))


# --- Search ------------------------------------------------------------------------------


def normalise_query(query):
    """Strip, collapse spaces and compose accents (NFC) so "Mạch  nha" == "Mạch nha"."""
    return " ".join(unicodedata.normalize("NFC", query or "").split())


def match_terms(queryset, query):
    """Products whose search text has a word starting with every folded term of ``query``."""
    terms = search_terms(query)
    if not terms:
        return queryset.none()
    for term in terms:
        queryset = queryset.filter(
            Q(search_text__startswith=term) | Q(search_text__contains=f" {term}")
        )
    return queryset


def relevance_rank(query, title):
    """0 exact accented phrase in the title, 1 folded phrase, 2 all terms, 3 elsewhere."""
    query = normalise_query(query)
    title = normalise_query(title)
    if query.lower() and query.lower() in title.lower():
        return 0
    folded_query, folded_title = fold_vietnamese(query), fold_vietnamese(title)
    padded_title = f" {folded_title} "
    if folded_query and f" {folded_query}" in padded_title:
        return 1
    if all(f" {term}" in padded_title for term in search_terms(query)):
        return 2
    return 3


def ranked_ids(queryset, query):
    """Primary keys of ``queryset`` ordered by relevance to ``query`` (stars, then title).

    The ranking needs the folded title, which SQL cannot compute portably; the candidate rows
    are small (id, title, stars), fetched in one query.
    """
    rows = queryset.order_by().values_list("pk", "title", "badge_stars")
    ranked = sorted(
        rows, key=lambda row: (relevance_rank(query, row[1]), -(row[2] or 0), row[1], row[0])
    )
    return [row[0] for row in ranked]
