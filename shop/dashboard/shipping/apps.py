from oscar.apps.dashboard.shipping import apps


class ShippingDashboardConfig(apps.ShippingDashboardConfig):
    name = "shop.dashboard.shipping"
