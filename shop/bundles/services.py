"""Gift bundles: the service functions other apps call, in one place.

The rules live in their own modules and are re-exported here:

- ``catalog``: what a bundle is, who sells it, availability from the components' stock,
  stock needs of a basket (``sellable_bundles``, ``stock_needs``, ``basket_problem``).
- ``pricing``: the bundle's price in whole dong and its stock record (``sync_bundle``); the
  minimum price as a share of the components' price (``floor_problem``).
- ``building``: creating and changing bundles (``save_bundle``), occasions.
- ``approval``: staff approval of producers' bundles and whether a bundle is on sale.
- ``gifts``: the gift options of a checkout.

Here: the orders side.

- ``allocate_bundle_line(line)``: called by the order creator inside the order's transaction
  (after ``shop.checkout.services.reserve_stock`` has locked every stock record concerned):
  allocates each component's stock and records an ``OrderLineComponent``.
- ``components_for_partner(order, partner)`` and ``shipments_by_partner(order)``: what each
  producer ships for an order (its own loose lines and its bundle components).
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from .building import DEFAULT_OCCASIONS, ensure_occasions, save_bundle  # noqa: F401
from .catalog import (  # noqa: F401
    BUNDLE_CLASS_SLUG,
    MARKETPLACE_PARTNER_CODE,
    Need,
    basket_items,
    basket_problem,
    bundle_availability,
    bundle_product_class,
    bundle_products,
    component_queryset,
    components_of,
    free_stock,
    is_bundle,
    marketplace_partner,
    not_bundles,
    requirements_of,
    sellable_bundles,
    selling_stockrecord,
    shortfalls,
    stock_needs,
    tracks_stock,
)
from .gifts import (  # noqa: F401
    GIFT_WRAPPING_CODE,
    SESSION_KEY,
    SESSION_NAMESPACE,
    current_wrapping,
    gift_for_someone_else,
    gift_options_of,
    record_gift_options,
    session_gift_options,
    store_gift_options,
    wrapping_wanted,
)
from .models import OrderLineComponent
from .pricing import (  # noqa: F401
    WEIGHT_CODE,
    bundle_price,
    components_total,
    pricing_problem,
    sync_bundle,
    sync_bundle_weight,
    sync_bundles_with,
    whole_dong,
)

# Price bands of the gift collection page, in dong: (key, lowest, highest or None).
PRICE_BANDS = (
    ("under-300k", None, Decimal("300000")),
    ("300k-600k", Decimal("300000"), Decimal("600000")),
    ("600k-1m", Decimal("600000"), Decimal("1000000")),
    ("over-1m", Decimal("1000000"), None),
)


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


# --- Gift collection -----------------------------------------------------------------------


def price_band(key):
    for band_key, low, high in PRICE_BANDS:
        if band_key == key:
            return low, high
    return None
