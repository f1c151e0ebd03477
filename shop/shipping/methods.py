from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping import methods
from oscar.apps.shipping.methods import *  # noqa: F403
from oscar.core import prices

HOME_DELIVERY_CODE = "home-delivery"
COLLECT_PREFIX = "collect-"


class HomeDelivery(methods.Base):
    """Delivery to the address, priced by the weight bands staff edit in the dashboard
    (Oscar's WeightBased method), free once the basket reaches its threshold."""

    is_tax_known = True

    def __init__(self, weight_based):
        self.weight_based = weight_based
        self.code = weight_based.code
        self.name = weight_based.name
        self.description = weight_based.description

    @property
    def free_shipping_threshold(self):
        return self.weight_based.free_shipping_threshold

    def is_free_for(self, basket):
        threshold = self.free_shipping_threshold
        return threshold is not None and basket.total_incl_tax >= threshold

    def calculate(self, basket):
        if self.is_free_for(basket):
            return prices.Price(
                currency=basket.currency, excl_tax=Decimal("0"), incl_tax=Decimal("0")
            )
        return self.weight_based.calculate(basket)


class ClickAndCollect(methods.Free):
    """Collect at one of the open OCOP showrooms; no fee."""

    def __init__(self, showroom):
        self.showroom = showroom
        self.code = f"{COLLECT_PREFIX}{showroom.pk}"
        self.name = _("Collect at the showroom: %(name)s") % {"name": showroom.name}
        self.description = showroom.address_display
