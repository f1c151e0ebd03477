"""The forked dashboard reports app: Oscar's reports, their CSV cells inert."""

from oscar.apps.dashboard.reports import apps


class ReportsDashboardConfig(apps.ReportsDashboardConfig):
    name = "shop.dashboard.reports"
