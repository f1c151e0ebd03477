"""The forked dashboard orders app: Oscar's, plus "mark paid" for bank-transfer orders; a
producer sees only its own lines of an order (``shop.workspace``)."""

from oscar.apps.dashboard.orders import apps


class OrdersDashboardConfig(apps.OrdersDashboardConfig):
    name = "shop.dashboard.orders"

    def configure_permissions(self):
        super().configure_permissions()
        # Producers see orders through their own lines (list, detail, line); statistics,
        # notes and address changes concern whole orders: staff only.
        for name in ("order-stats", "order-detail-note", "order-shipping-address"):
            permissions = self.permissions_map[name]
            self.permissions_map[name] = (
                permissions[0] if isinstance(permissions, tuple) else permissions
            )
