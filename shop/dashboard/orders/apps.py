"""The forked dashboard orders app: Oscar's, plus "mark paid" for bank-transfer orders."""

from oscar.apps.dashboard.orders import apps


class OrdersDashboardConfig(apps.OrdersDashboardConfig):
    name = "shop.dashboard.orders"
