from oscar.apps.basket.abstract_models import AbstractBasket
from oscar.core.loading import is_model_registered

__all__ = []

if not is_model_registered("basket", "Basket"):

    class Basket(AbstractBasket):
        """Oscar's basket; a strategy may allow larger baskets (wholesale buyers) and quantity
        rules (minimum order, case size) are checked on each line's resulting quantity."""

        def max_allowed_quantity(self):
            limit = (
                getattr(self._strategy, "max_basket_quantity", None) if self.has_strategy else None
            )
            if limit:
                return limit - self.num_items, limit
            return super().max_allowed_quantity()

        def is_quantity_allowed(self, qty, line=None):
            allowed, reason = super().is_quantity_allowed(qty, line=None)
            if not allowed or line is None:
                return allowed, reason
            total = self.basket_quantity(line) + qty
            return line.purchase_info.availability.is_purchase_permitted(total)

    __all__.append("Basket")


from oscar.apps.basket.models import *  # noqa: E402,F403
