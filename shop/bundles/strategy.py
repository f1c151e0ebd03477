"""The availability policy of gift bundles, mixed into the shop's strategy
(``shop/partner/strategy.py``): a bundle is in stock as long as its components are, and is
sold only while staff approved its current version and its price is not below the minimum
share of its components' price (``shop.bundles.approval``)."""

from oscar.apps.partner import availability

from . import approval, services
from .pricing import min_price_percent


class NotOnSale(availability.Unavailable):
    """Unavailable, saying why (waiting for approval, price under revision)."""

    def __init__(self, reason):
        self.message = reason

    def is_purchase_permitted(self, quantity):
        return False, self.message


class BundleAvailability:
    """Strategy mixin: bundles get a stock policy computed from their components' stock."""

    def bundle_min_price_percent(self):
        # Read once per strategy (one per request): a listing of many bundles costs one query.
        if getattr(self, "_bundle_min_price_percent", None) is None:
            self._bundle_min_price_percent = min_price_percent()
        return self._bundle_min_price_percent

    def availability_policy(self, product, stockrecord):
        if not services.is_bundle(product):
            return super().availability_policy(product, stockrecord)
        if stockrecord is None:
            return availability.Unavailable()
        reason = approval.sale_problem(product, stockrecord, self.bundle_min_price_percent())
        if reason:
            return NotOnSale(reason)
        sellable = services.bundle_availability(product)
        if sellable is None:
            return availability.Available()
        return availability.StockRequired(sellable)
