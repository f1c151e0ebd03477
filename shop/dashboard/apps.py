"""The forked Oscar dashboard (forked so that its sub-apps, e.g. catalogue, can be forked)."""

from oscar.apps.dashboard import apps


class DashboardConfig(apps.DashboardConfig):
    name = "shop.dashboard"
