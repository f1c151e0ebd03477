"""Gift bundles as catalogue products: what is a bundle, who sells it, and how many can be
sold from the components' stock.

- ``sellable_bundles(requirements)``: how many bundles the components' free stock covers —
  the minimum over components of ``free // quantity needed`` (a component whose product
  does not track stock does not limit; no component at all means none can be sold).
- ``stock_needs(items)``: what a basket (or an order) needs from each stock record, bundle
  lines expanded into their components and merged with loose lines of the same products.
- ``basket_problem(basket, …)``: the basket-level check used when a line is added or
  changed — bundle lines and loose lines draw on the same stock.
"""

from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch
from django.utils.translation import gettext
from oscar.core.loading import get_model

from .models import BundleComponent, GiftBundle

BUNDLE_CLASS_SLUG = "gift-bundle"
MARKETPLACE_PARTNER_CODE = "cho-ocop"


# --- Identity ------------------------------------------------------------------------------


def bundle_product_class():
    ProductClass = get_model("catalogue", "ProductClass")
    product_class, _created = ProductClass.objects.get_or_create(
        slug=BUNDLE_CLASS_SLUG,
        defaults={"name": "Hộp quà OCOP", "requires_shipping": True, "track_stock": False},
    )
    return product_class


def marketplace_partner():
    """The marketplace's own partner: it sells the bundles (its producers ship the parts)."""
    Partner = get_model("partner", "Partner")
    partner = Partner.objects.filter(code=MARKETPLACE_PARTNER_CODE).first()
    if partner is None:
        partner = Partner.objects.create(
            code=MARKETPLACE_PARTNER_CODE, name=settings.OSCAR_SHOP_NAME
        )
    return partner


def is_bundle(product):
    """Whether ``product`` is a gift bundle (reads the product class, usually joined)."""
    if product is None:
        return False
    product_class = product.get_product_class()
    return product_class is not None and product_class.slug == BUNDLE_CLASS_SLUG


def bundle_products():
    Product = get_model("catalogue", "Product")
    return Product.objects.filter(product_class__slug=BUNDLE_CLASS_SLUG)


def not_bundles(queryset):
    """``queryset`` of products without the gift bundles (e.g. for OCOP figures)."""
    return queryset.exclude(product_class__slug=BUNDLE_CLASS_SLUG)


# --- Stock -------------------------------------------------------------------------------


def selling_stockrecord(product):
    """The stock record a product is sold from: its first (as Oscar's UseFirstStockRecord)."""
    records = sorted(product.stockrecords.all(), key=lambda record: record.pk)
    return records[0] if records else None


def tracks_stock(product):
    product_class = product.get_product_class()
    return bool(product_class and product_class.track_stock)


def free_stock(record):
    """Units of a stock record neither sold nor allocated (never negative)."""
    return max(0, (record.num_in_stock or 0) - (record.num_allocated or 0))


def sellable_bundles(requirements):
    """How many bundles can be sold from ``requirements``: (free stock, quantity per bundle)
    per component, free stock None for a component that does not track stock.

    Returns None when nothing limits the bundle (no component tracks stock) and 0 for a
    bundle without components.
    """
    requirements = list(requirements)
    if not requirements:
        return 0
    limits = [free // quantity for free, quantity in requirements if free is not None]
    if not limits:
        return None
    return max(0, min(limits))


def component_queryset():
    StockRecord = get_model("partner", "StockRecord")
    return BundleComponent.objects.select_related(
        "product", "product__product_class", "product__parent"
    ).prefetch_related(
        Prefetch(
            "product__stockrecords",
            queryset=StockRecord.objects.select_related("partner", "partner__producer").order_by(
                "pk"
            ),
        ),
        "product__ocop_certificate",
    )


def components_of(product):
    """The components of a bundle product (prefetched ones when loaded for a listing)."""
    try:
        bundle = product.gift_bundle
    except GiftBundle.DoesNotExist:
        return []
    cache = getattr(bundle, "_prefetched_objects_cache", {})
    if "components" in cache:
        return list(bundle.components.all())
    return list(component_queryset().filter(bundle=bundle))


def requirements_of(components):
    """(free stock or None, quantity) of each component, from its selling stock record; a
    component hidden from the shop has none."""
    requirements = []
    for component in components:
        if not component.product.is_public:
            requirements.append((0, component.quantity))  # hidden from the shop: not sold
            continue
        if not tracks_stock(component.product):
            requirements.append((None, component.quantity))
            continue
        record = selling_stockrecord(component.product)
        requirements.append((free_stock(record) if record else 0, component.quantity))
    return requirements


def bundle_availability(product):
    """Bundles of ``product`` that can be sold now (None: not limited by stock)."""
    return sellable_bundles(requirements_of(components_of(product)))


@dataclass
class Need:
    """What the basket wants from one stock record."""

    quantity: int
    product: object  # the basket product that needs it (a bundle for a component)


def stock_needs(items):
    """Quantity needed per stock record id for ``items`` (product, stock record, quantity).

    Bundle items are expanded into their components' selling stock records; loose items of
    the same products add to the same records. Products that do not track stock are left
    out. Returns ``OrderedDict(record id → Need)``; a component without any stock record is
    reported under the key ``("missing", product id)``.
    """
    needs = OrderedDict()
    for product, stockrecord, quantity in items:
        if is_bundle(product):
            for component in components_of(product):
                if not tracks_stock(component.product):
                    continue
                record = selling_stockrecord(component.product)
                key = record.pk if record else ("missing", component.product_id)
                need = needs.setdefault(key, Need(0, product))
                need.quantity += quantity * component.quantity
            continue
        if stockrecord is None or not tracks_stock(product):
            continue
        need = needs.setdefault(stockrecord.pk, Need(0, product))
        need.quantity += quantity
    return needs


def shortfalls(needs, free_by_record):
    """Keys of ``needs`` that the free stock (record id → units) does not cover."""
    return [key for key, need in needs.items() if free_by_record.get(key, 0) < need.quantity]


def basket_items(basket, *, product=None, stockrecord=None, add=0, line=None, new_quantity=None):
    """The basket's (product, stock record, quantity) with one proposed change applied."""
    items = []
    for basket_line in basket.all_lines():
        quantity = basket_line.quantity
        if line is not None and basket_line.pk == line.pk:
            quantity = new_quantity
        items.append((basket_line.product, basket_line.stockrecord, quantity))
    if product is not None and add:
        items.append((product, stockrecord, add))
    return items


def basket_problem(basket, **change):
    """Why the basket, with ``change`` applied (see ``basket_items``), asks for more than
    the stock left (bundle and loose lines together), or None when it is fine."""
    StockRecord = get_model("partner", "StockRecord")
    items = basket_items(basket, **change)
    if not any(is_bundle(product) for product, _record, _quantity in items):
        return None  # loose lines alone: each line's own availability check is enough
    needs = stock_needs(items)
    record_ids = [key for key in needs if isinstance(key, int)]
    records = {
        record.pk: record
        for record in StockRecord.objects.filter(pk__in=record_ids).select_related("product")
    }
    free = {pk: free_stock(record) for pk, record in records.items()}
    short = shortfalls(needs, free)
    if not short:
        return None
    names = []  # the products that run short: a bundle's component, not the bundle
    for key in short:
        product = records[key].product if key in records else needs[key].product
        title = product.get_title()
        if title not in names:
            names.append(title)
    return gettext(
        "Not enough stock left for %(products)s together with the rest of your basket "
        "(gift bundles and single products share the same stock)."
    ) % {"products": ", ".join(names)}
