from decimal import Decimal

from oscar.apps.shipping import repository
from oscar.core.loading import get_model

from .methods import HOME_DELIVERY_CODE, ClickAndCollect, FixedPrice, HomeDelivery


class Repository(repository.Repository):
    """Home delivery (weight-based, free above a threshold) and click & collect at a showroom.

    Baskets with only services (no product needs shipping) get Oscar's NoShippingRequired."""

    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        WeightBased = get_model("shipping", "WeightBased")
        Showroom = get_model("showrooms", "Showroom")
        found = []
        weight_based = WeightBased.objects.filter(code=HOME_DELIVERY_CODE).first()
        if weight_based is not None:
            found.append(HomeDelivery(weight_based))
        else:  # the method was deleted in the dashboard: a flat fee keeps checkout working
            flat = FixedPrice(charge_excl_tax=Decimal(30000), charge_incl_tax=Decimal(30000))
            flat.code, flat.name = HOME_DELIVERY_CODE, "Giao hàng tận nơi"
            found.append(flat)
        found.extend(ClickAndCollect(s) for s in Showroom.objects.active().order_by("name"))
        return found
