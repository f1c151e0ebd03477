"""Oscar's order creator, with gift bundles: a bundle line allocates its components' stock
and records who ships which component (``shop.bundles``)."""

from oscar.apps.order import utils
from oscar.apps.order.utils import *  # noqa: F403

from shop.bundles.services import allocate_bundle_line


class OrderCreator(utils.OrderCreator):
    def create_additional_line_models(self, order, order_line, basket_line):
        super().create_additional_line_models(order, order_line, basket_line)
        allocate_bundle_line(order_line)
