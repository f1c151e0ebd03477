"""The forked Oscar dashboard (forked so that its sub-apps, e.g. catalogue, can be forked).

It also mounts the producer-profile pages (``shop.producers.dashboard``) at
/dashboard/producers/ and the wholesale pages (``shop.wholesale.dashboard``) at
/dashboard/wholesale/.
"""

from django.urls import path
from oscar.apps.dashboard import apps
from oscar.core.loading import get_class


class DashboardConfig(apps.DashboardConfig):
    name = "shop.dashboard"

    def configure_permissions(self):
        super().configure_permissions()
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        producer_access = (
            ["is_staff", "producers.change_producer"],
            DashboardPermission.partner_dashboard_access,
        )
        self.permissions_map["producer-list"] = producer_access
        self.permissions_map["producer-update"] = producer_access
        wholesale_staff = (["is_staff", "wholesale.change_business"],)
        for name in (
            "wholesale-business-list",
            "wholesale-business",
            "wholesale-invoice-list",
            "wholesale-invoice",
        ):
            self.permissions_map[name] = wholesale_staff
        for name in (
            "wholesale-tier-list",
            "wholesale-tier",
            "wholesale-quote-list",
            "wholesale-quote",
        ):
            self.permissions_map[name] = (
                ["is_staff"],
                DashboardPermission.partner_dashboard_access,
            )

    def get_urls(self):
        from shop.producers import dashboard
        from shop.wholesale import dashboard as wholesale

        urls = super().get_urls()
        urls += self.post_process_urls(
            [
                path("producers/", dashboard.ProducerListView.as_view(), name="producer-list"),
                path(
                    "producers/<int:pk>/",
                    dashboard.ProducerUpdateView.as_view(),
                    name="producer-update",
                ),
                path(
                    "wholesale/businesses/",
                    wholesale.BusinessListView.as_view(),
                    name="wholesale-business-list",
                ),
                path(
                    "wholesale/businesses/<int:pk>/",
                    wholesale.BusinessUpdateView.as_view(),
                    name="wholesale-business",
                ),
                path(
                    "wholesale/invoices/",
                    wholesale.InvoiceListView.as_view(),
                    name="wholesale-invoice-list",
                ),
                path(
                    "wholesale/invoices/<int:pk>/",
                    wholesale.InvoiceDetailView.as_view(),
                    name="wholesale-invoice",
                ),
                path(
                    "wholesale/prices/",
                    wholesale.TierListView.as_view(),
                    name="wholesale-tier-list",
                ),
                path(
                    "wholesale/prices/<int:pk>/",
                    wholesale.TierUpdateView.as_view(),
                    name="wholesale-tier",
                ),
                path(
                    "wholesale/quotes/",
                    wholesale.QuoteListView.as_view(),
                    name="wholesale-quote-list",
                ),
                path(
                    "wholesale/quotes/<int:pk>/",
                    wholesale.QuoteAnswerView.as_view(),
                    name="wholesale-quote",
                ),
            ]
        )
        return urls
