"""Gift wrapping as an Oscar checkout surcharge, at the price staff set (whole dong)."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout.surcharges import BaseSurcharge
from oscar.core import prices

from . import services


class GiftWrappingCharge(BaseSurcharge):
    name = _("Gift wrapping")
    code = services.GIFT_WRAPPING_CODE

    def __init__(self, price):
        self.price = services.whole_dong(price)

    def calculate(self, basket, **kwargs):
        price = self.price if not basket.is_empty else Decimal("0")
        return prices.Price(currency=basket.currency, excl_tax=price, incl_tax=price)


def gift_surcharges(request, basket):
    if request is None or basket is None or basket.is_empty:
        return []
    if not services.session_gift_options(request).get("wrapping"):
        return []
    wrapping = services.current_wrapping()
    if wrapping is None:
        return []
    return [GiftWrappingCharge(wrapping.price)]
