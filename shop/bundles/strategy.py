"""The availability policy of gift bundles, mixed into the shop's strategy
(``shop/partner/strategy.py``): a bundle is in stock as long as its components are."""

from oscar.apps.partner import availability

from . import services


class BundleAvailability:
    """Strategy mixin: bundles get a stock policy computed from their components' stock."""

    def availability_policy(self, product, stockrecord):
        if not services.is_bundle(product):
            return super().availability_policy(product, stockrecord)
        if stockrecord is None:
            return availability.Unavailable()
        sellable = services.bundle_availability(product)
        if sellable is None:
            return availability.Available()
        return availability.StockRequired(sellable)
