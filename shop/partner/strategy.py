"""The shop's pricing and availability strategy (Oscar's ``partner.strategy``).

Oscar's default (first stock record, stock required, no tax), with gift bundles' availability
computed from their components (``shop.bundles.strategy``).
"""

from oscar.apps.partner import strategy

from shop.bundles.strategy import BundleAvailability


class Default(BundleAvailability, strategy.Default):
    pass


class Selector(strategy.Selector):
    def strategy(self, request=None, user=None, **kwargs):
        return Default(request)
