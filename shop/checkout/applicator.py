"""Checkout surcharges (Oscar's ``checkout.applicator``): gift wrapping when the buyer asks."""

from oscar.apps.checkout import applicator

from shop.bundles.surcharges import gift_surcharges


class SurchargeApplicator(applicator.SurchargeApplicator):
    def get_surcharges(self, basket, **kwargs):
        return (
            *super().get_surcharges(basket, **kwargs),
            *gift_surcharges(self.request, basket),
        )
