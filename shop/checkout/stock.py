"""Stock at placement: the shop's lock order, the last check before an order, sold-out words.

Lock order (every path that locks rows for stock or discounts takes them in this order, so
two transactions never wait on each other in a cycle):

1. business rows: a quote (``shop.wholesale.services.accept_quote``), then the business
   (``check_credit``), then orders and their lines (cancelling, shipping, payments);
2. stock records, by primary key ascending, through ``lock_stock_records`` (placement,
   cancelling, shipping; a bundle's components are stock records like any other);
3. the offers applied to the basket, then its vouchers, each by primary key ascending
   (``lock_discounts``, at placement only, after the stock records);
4. counters written after that in the same transaction (the VAT invoice number).

Basket lines are never locked (each buyer writes only their own basket) and Oscar's
analytics counters take no lock inside the shopper's transaction (``shop.analytics``).
"""

import logging
from collections import OrderedDict

from django.utils.translation import gettext
from oscar.core.loading import get_model

logger = logging.getLogger(__name__)


def lock_stock_records(record_ids):
    """Lock the stock records ``record_ids`` until the transaction ends, by primary key
    ascending (the shop's lock order: see the module's docstring); returns them in that
    order. ``FOR NO KEY UPDATE``: a basket line pointing at a record can still be saved
    meanwhile (adding to a basket never waits for a placement)."""
    StockRecord = get_model("partner", "StockRecord")
    ids = sorted({pk for pk in record_ids if pk is not None})
    if not ids:
        return []
    return list(
        StockRecord.objects.select_for_update(no_key=True).filter(pk__in=ids).order_by("pk")
    )


def lock_discounts(basket):
    """Lock the offers then the vouchers the basket uses (after its stock records), by
    primary key, and reload their usage counts, so that recording this order's use adds to
    the counts other orders committed meanwhile."""
    ConditionalOffer = get_model("offer", "ConditionalOffer")
    Voucher = get_model("voucher", "Voucher")
    applications = list(basket.offer_applications)
    offers = [a["offer"] for a in applications if getattr(a["offer"], "pk", None)]
    vouchers = [a["voucher"] for a in applications if a.get("voucher") is not None]
    voucher_ids = {voucher.pk for voucher in vouchers}
    if basket.pk:
        voucher_ids.update(basket.vouchers.values_list("pk", flat=True))
    if offers:
        ids = sorted({offer.pk for offer in offers})
        list(ConditionalOffer.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
        for offer in offers:
            offer.refresh_from_db(fields=["num_applications", "total_discount", "num_orders"])
    if voucher_ids:
        list(Voucher.objects.select_for_update().filter(pk__in=sorted(voucher_ids)).order_by("pk"))
        for voucher in vouchers:
            voucher.refresh_from_db(fields=["num_basket_additions", "num_orders", "total_discount"])


def sold_out_message(product, left=0):
    """What a buyer who lost the race for ``product`` reads (``left`` units remain)."""
    if left > 0:
        return gettext(
            "%(product)s has just sold out in the quantity you asked for: only %(left)s left. "
            "Choose a smaller quantity to continue."
        ) % {"product": product.get_title(), "left": left}
    return gettext("%(product)s has just sold out: other buyers took the last units first.") % {
        "product": product.get_title()
    }


class SoldOut(Exception):
    """Some basket lines can no longer be served; ``products`` lists them and the message
    names each one."""

    def __init__(self, shortages):
        """``shortages``: (product, units left) pairs, one per product."""
        self.shortages = list(shortages)
        self.products = [product for product, _left in self.shortages]
        super().__init__(" ".join(sold_out_message(p, left) for p, left in self.shortages))


def _basket_needs(basket):
    """Quantity wanted per stock record id, for the lines whose product class tracks stock.

    Gift bundle lines count as their components' needs, merged with loose lines of the same
    products (``shop.bundles.services.stock_needs``).
    """
    from shop.bundles.services import stock_needs

    items = [(line.product, line.stockrecord, line.quantity) for line in basket.all_lines()]
    return stock_needs(items)


def reserve_stock(basket):
    """Lock the basket's stock records and discounts (the shop's lock order) and check the
    stock still covers the basket (inside the transaction that creates the order).

    Raises SoldOut (nothing changed) when a line asks for more than is left.
    """
    needs = _basket_needs(basket)
    records = lock_stock_records(key for key in needs if isinstance(key, int))
    short = OrderedDict()  # product → units left (each product named once)
    for record in records:
        need = needs[record.pk]
        available = max(0, (record.num_in_stock or 0) - (record.num_allocated or 0))
        if available < need.quantity:
            # A loose line can be lowered to what is left; a bundle's component cannot.
            left = available if record.product_id == need.product.pk else 0
            short[need.product] = min(short.get(need.product, left), left)
    found = {record.pk for record in records}
    for key, need in needs.items():  # a stock record vanished meanwhile
        if key not in found:
            short[need.product] = 0
    if short:
        raise SoldOut(short.items())
    lock_discounts(basket)
    return records


def consume_shipped(items):
    """(stock record, quantity) pairs that left the warehouse: both the stock and its
    allocation drop by the quantity (Oscar's ``consume_allocation``), records locked in the
    shop's lock order. A record holding less than that is consumed as far as it goes, with a
    warning."""
    wanted = OrderedDict()
    for record, quantity in items:
        wanted[record.pk] = wanted.get(record.pk, 0) + quantity
    for record in lock_stock_records(wanted):
        if not record.can_track_allocations:
            continue
        quantity = wanted[record.pk]
        possible = min(quantity, record.num_allocated or 0, record.num_in_stock or 0)
        if possible < quantity:
            logger.warning(
                "Stock record %s: %s units shipped but only %s allocated",
                record.pk,
                quantity,
                possible,
            )
        if possible > 0:
            record.consume_allocation(possible)
