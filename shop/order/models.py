from oscar.apps.address.abstract_models import AbstractShippingAddress

from shop.regions.models import AddressUnits


class ShippingAddress(AddressUnits, AbstractShippingAddress):
    """Where an order goes: a Vietnamese address with its unit codes."""

    class Meta(AbstractShippingAddress.Meta):
        pass


from oscar.apps.order.models import *  # noqa: E402, F403
