"""Gift bundles: availability, pricing, stock needs, allocation and who ships what.

The rules in plain functions:

- ``sellable_bundles(requirements)``: how many bundles the components' free stock covers —
  the minimum over components of ``free // quantity needed`` (a component whose product
  does not track stock does not limit; no component at all means none can be sold).
- ``stock_needs(items)``: what a basket (or an order) needs from each stock record, bundle
  lines expanded into their components and merged with loose lines of the same products.
- ``basket_problem(basket, …)``: the basket-level check used when a line is added or
  changed — bundle lines and loose lines draw on the same stock.
- ``allocate_bundle_line(line)``: called by the order creator inside the order's transaction
  (after ``shop.checkout.services.reserve_stock`` has locked every stock record concerned):
  allocates each component's stock and records an ``OrderLineComponent``.
- ``components_for_partner(order, partner)`` and ``shipments_by_partner(order)``: what each
  producer ships for an order (its own loose lines and its bundle components).
"""

from collections import OrderedDict, defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext
from oscar.core.loading import get_model

from .models import BundleComponent, GiftBundle, GiftOptions, GiftWrapping, OrderLineComponent

BUNDLE_CLASS_SLUG = "gift-bundle"
MARKETPLACE_PARTNER_CODE = "cho-ocop"
GIFT_WRAPPING_CODE = "gift-wrapping"

# Price bands of the gift collection page, in dong: (key, lowest, highest or None).
PRICE_BANDS = (
    ("under-300k", None, Decimal("300000")),
    ("300k-600k", Decimal("300000"), Decimal("600000")),
    ("600k-1m", Decimal("600000"), Decimal("1000000")),
    ("over-1m", Decimal("1000000"), None),
)


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


# --- Pricing -----------------------------------------------------------------------------


def whole_dong(amount):
    return Decimal(amount).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def components_total(components):
    """Sum of the components' prices × quantities, or None when one has no price."""
    total = Decimal("0")
    for component in components:
        record = selling_stockrecord(component.product)
        if record is None or record.price is None:
            return None
        total += record.price * component.quantity
    return whole_dong(total)


def bundle_price(bundle, components=None):
    """The bundle's price in whole dong, or None when it cannot be priced."""
    if bundle.pricing == GiftBundle.Pricing.FIXED:
        return whole_dong(bundle.fixed_price) if bundle.fixed_price else None
    if components is None:
        components = list(component_queryset().filter(bundle=bundle))
    total = components_total(components)
    if total is None or not components:
        return None
    discount = total * Decimal(bundle.discount_percent) / 100 + (bundle.discount_amount or 0)
    price = whole_dong(total - discount)
    return price if price > 0 else None


def pricing_problem(bundle):
    """Why ``bundle`` cannot be priced, in words, or None when it can."""
    if bundle_price(bundle) is not None:
        return None
    if bundle.pricing == GiftBundle.Pricing.FIXED:
        return gettext("A fixed-price bundle needs its price.")
    components = list(component_queryset().filter(bundle=bundle))
    total = components_total(components)
    if not components or total is None:
        return gettext("A component has no price yet: give it a price before bundling it.")
    from oscar.templatetags.currency_filters import currency

    return gettext(
        "The discount takes the whole components' total (%(total)s): the bundle would cost "
        "nothing. Lower the discount."
    ) % {"total": currency(total)}


def sync_bundle(bundle):
    """Make the bundle sellable as it is defined: product class, the marketplace's stock
    record and its price (only written when it changed)."""
    StockRecord = get_model("partner", "StockRecord")
    product = bundle.product
    product_class = bundle_product_class()
    if product.product_class_id != product_class.pk:
        product.product_class = product_class
        product.save(update_fields=["product_class"])
    price = bundle_price(bundle)
    partner = marketplace_partner()
    record = StockRecord.objects.filter(product=product, partner=partner).first()
    if record is None:
        StockRecord.objects.create(
            product=product,
            partner=partner,
            partner_sku=f"GB-{product.pk}",
            price=price,
            price_currency=settings.OSCAR_DEFAULT_CURRENCY,
        )
        product.save()  # its search text now names the seller
    elif record.price != price:
        StockRecord.objects.filter(pk=record.pk).update(price=price)
    sync_bundle_weight(bundle, product_class)
    return price


WEIGHT_CODE = "weight"


def sync_bundle_weight(bundle, product_class):
    """The bundle weighs what its components weigh (weight-based delivery prices it)."""
    ProductAttribute = get_model("catalogue", "ProductAttribute")
    ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
    parts = list(bundle.components.values_list("product_id", "quantity"))
    weights = dict(
        ProductAttributeValue.objects.filter(
            product_id__in=[pk for pk, _q in parts], attribute__code=WEIGHT_CODE
        ).values_list("product_id", "value_float")
    )
    total = round(sum((weights.get(pk) or 0) * quantity for pk, quantity in parts), 3)
    current = ProductAttributeValue.objects.filter(
        product=bundle.product, attribute__code=WEIGHT_CODE
    ).first()
    if not total:
        if current is not None:
            current.delete()
        return
    if current is not None:
        if current.value_float != total:
            ProductAttributeValue.objects.filter(pk=current.pk).update(value_float=total)
        return
    attribute, _created = ProductAttribute.objects.get_or_create(
        product_class=product_class,
        code=WEIGHT_CODE,
        defaults={"name": "Khối lượng (kg)", "type": "float"},
    )
    ProductAttributeValue.objects.create(
        product=bundle.product, attribute=attribute, value_float=total
    )


def sync_bundles_with(product_id):
    """Re-price the bundles that contain ``product_id`` (after its price changed)."""
    for bundle in GiftBundle.objects.filter(components__product_id=product_id).select_related(
        "product"
    ):
        if bundle.pricing == GiftBundle.Pricing.COMPONENTS:
            sync_bundle(bundle)


# --- Orders ------------------------------------------------------------------------------


def allocate_bundle_line(line):
    """Allocate the components' stock of a bundle order line and record who ships what.

    Runs in the order's transaction; ``reserve_stock`` has already locked (and checked)
    every stock record concerned, so this cannot oversell.
    """
    if not is_bundle(line.product):
        return []
    created = []
    with transaction.atomic():
        for component in components_of(line.product):
            record = selling_stockrecord(component.product)
            quantity = line.quantity * component.quantity
            if record is not None and tracks_stock(component.product):
                record.allocate(quantity)
            created.append(
                OrderLineComponent.objects.create(
                    line=line,
                    product=component.product,
                    title=component.product.get_title(),
                    stockrecord=record,
                    partner=record.partner if record else None,
                    partner_name=record.partner.name if record else "",
                    partner_sku=record.partner_sku if record else "",
                    quantity=quantity,
                    unit_price=record.price if record else None,
                )
            )
    return created


SENT_STATUSES = ("shipped", "delivered")


def allocations_to_release(order):
    """(stock record, quantity, sent) for what an order holds, bundle components included,
    sorted by stock record id (the lock order). ``sent`` is true for goods already shipped
    (a loose line, or a bundle component its producer has sent): cancelling the order does
    not put those back on sale."""
    items = []
    for line in order.lines.select_related("product__product_class", "stockrecord"):
        if line.stockrecord_id and not is_bundle(line.product):
            items.append((line.stockrecord, line.quantity, line.status in SENT_STATUSES))
    for component in OrderLineComponent.objects.filter(
        line__order=order, stockrecord__isnull=False
    ).select_related("line", "stockrecord__product__product_class"):
        sent = component.status in SENT_STATUSES or component.line.status in SENT_STATUSES
        items.append((component.stockrecord, component.quantity, sent))
    return sorted(items, key=lambda item: item[0].pk)


def components_for_partner(order, partner):
    """The bundle components of ``order`` that ``partner`` (a producer) ships."""
    return list(
        OrderLineComponent.objects.filter(line__order=order, partner=partner)
        .select_related("line", "line__product", "product")
        .order_by("line_id", "pk")
    )


@dataclass
class ShipItem:
    title: str
    quantity: int
    sku: str
    unit_price: Decimal | None
    bundle_title: str = ""  # the gift bundle it goes into, if any
    line: object = None
    status: str = ""


def shipments_by_partner(order):
    """``{partner: [ShipItem]}``: what each producer ships for ``order`` — its own lines and
    its components of the order's gift bundles (the marketplace's bundle lines are not
    shipped as such). For producer workspaces and notifications."""
    shipments = defaultdict(list)
    lines = order.lines.select_related("partner", "product__product_class")
    bundle_line_ids = []
    for line in lines:
        if is_bundle(line.product):
            bundle_line_ids.append(line.pk)
            continue
        shipments[line.partner].append(
            ShipItem(
                line.title,
                line.quantity,
                line.partner_sku,
                line.unit_price_incl_tax,
                line=line,
                status=line.status,
            )
        )
    components = OrderLineComponent.objects.filter(line_id__in=bundle_line_ids).select_related(
        "partner", "line"
    )
    for component in components:
        shipments[component.partner].append(
            ShipItem(
                component.title,
                component.quantity,
                component.partner_sku,
                component.unit_price,
                bundle_title=component.line.title,
                line=component.line,
                status=component.effective_status,
            )
        )
    return dict(shipments)


# --- Gift options --------------------------------------------------------------------------


SESSION_NAMESPACE = "gift"
SESSION_KEY = "options"


def current_wrapping():
    """The gift-wrapping option offered now, or None."""
    return GiftWrapping.objects.filter(is_active=True).order_by("pk").first()


def session_gift_options(request):
    from oscar.apps.checkout.utils import CheckoutSessionData

    return CheckoutSessionData(request)._get(SESSION_NAMESPACE, SESSION_KEY) or {}


def gift_for_someone_else(request):
    """Whether this checkout's gift goes to someone else (then nobody pays on delivery:
    the recipient would pay and see the price the packing slip hides)."""
    return bool(session_gift_options(request).get("recipient_is_other"))


def store_gift_options(request, options):
    from oscar.apps.checkout.utils import CheckoutSessionData

    CheckoutSessionData(request)._set(SESSION_NAMESPACE, SESSION_KEY, options)


def wrapping_wanted(options):
    return bool(options.get("wrapping")) and current_wrapping() is not None


def record_gift_options(order, options):
    """Keep the buyer's gift options on the order (nothing when none were chosen)."""
    options = options or {}
    if not any(
        options.get(k) for k in ("message", "sender_name", "wrapping", "recipient_is_other")
    ):
        return None
    wrapping_price = sum(
        (s.incl_tax for s in order.surcharges.filter(code=GIFT_WRAPPING_CODE)), Decimal("0")
    )
    return GiftOptions.objects.create(
        order=order,
        message=(options.get("message") or "")[:500],
        sender_name=(options.get("sender_name") or "")[:100],
        wrapping=order.surcharges.filter(code=GIFT_WRAPPING_CODE).exists(),
        wrapping_price=wrapping_price,
        recipient_is_other=bool(options.get("recipient_is_other")),
    )


def gift_options_of(order):
    try:
        return order.gift_options
    except GiftOptions.DoesNotExist:
        return None


# --- Gift collection -----------------------------------------------------------------------


def price_band(key):
    for band_key, low, high in PRICE_BANDS:
        if band_key == key:
            return low, high
    return None


# --- Building bundles ----------------------------------------------------------------------

DEFAULT_OCCASIONS = [
    ("tet", "Quà Tết", "Tết (Lunar New Year)", 1),
    ("trung-thu", "Quà Trung thu", "Mid-Autumn Festival", 2),
    ("doanh-nghiep", "Quà doanh nghiệp", "Corporate gifts", 3),
    ("bieu-tang", "Quà biếu, thăm hỏi", "Visits and thank-you gifts", 4),
    ("khac", "Dịp khác", "Other occasions", 9),
]


def ensure_occasions():
    """The default occasions (also added by a migration); existing rows are kept as edited."""
    from .models import Occasion

    for code, name, name_en, order in DEFAULT_OCCASIONS:
        Occasion.objects.get_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "display_order": order}
        )
    return Occasion.objects.all()


def save_bundle(
    *,
    title,
    occasion,
    components,
    bundle=None,
    description="",
    upc="",
    pricing=GiftBundle.Pricing.COMPONENTS,
    fixed_price=None,
    discount_percent=0,
    discount_amount=Decimal("0"),
    owner=None,
    is_public=True,
):
    """Create or update a gift bundle from ``components`` [(product, quantity)], atomically.

    Raises ValueError when a component is a bundle, is repeated or has a quantity below 1.
    """
    Product = get_model("catalogue", "Product")
    components = list(components)
    if not components:
        raise ValueError(gettext("A gift bundle needs at least one product."))
    seen = set()
    for product, quantity in components:
        if is_bundle(product):
            raise ValueError(gettext("A gift bundle cannot contain another gift bundle."))
        if product.pk in seen:
            raise ValueError(gettext("Each product may appear only once in a bundle."))
        if int(quantity) < 1:
            raise ValueError(gettext("Quantities must be at least 1."))
        seen.add(product.pk)
    with transaction.atomic():
        if bundle is None:
            product = Product(product_class=bundle_product_class(), structure="standalone")
        else:
            product = bundle.product
        product.title = title
        product.description = description
        product.is_public = is_public
        if upc:
            product.upc = upc
        product.save()
        if bundle is None:
            bundle = GiftBundle(product=product)
        bundle.occasion = occasion
        bundle.pricing = pricing
        bundle.fixed_price = fixed_price if pricing == GiftBundle.Pricing.FIXED else None
        bundle.discount_percent = discount_percent or 0
        bundle.discount_amount = discount_amount or Decimal("0")
        bundle.owner = owner
        bundle.save()
        bundle.components.exclude(product__in=[p for p, _q in components]).delete()
        for order, (component_product, quantity) in enumerate(components):
            BundleComponent.objects.update_or_create(
                bundle=bundle,
                product=component_product,
                defaults={"quantity": int(quantity), "display_order": order},
            )
        sync_bundle(bundle)
    return bundle
