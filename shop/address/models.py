from oscar.apps.address.abstract_models import AbstractUserAddress

from shop.regions.models import AddressUnits


class UserAddress(AddressUnits, AbstractUserAddress):
    """An address-book entry: a Vietnamese address with its unit codes."""

    class Meta(AbstractUserAddress.Meta):
        pass


from oscar.apps.address.models import *  # noqa: E402, F403
