"""The forked Oscar dashboard (forked so that its sub-apps, e.g. catalogue, can be forked).

It also mounts the producer-profile pages (``shop.producers.dashboard``) at
/dashboard/producers/ and the gift bundle editor (``shop.bundles.dashboard``) at
/dashboard/bundles/.
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
        bundle_access = (
            ["is_staff", "catalogue.change_product"],
            DashboardPermission.partner_dashboard_access,
        )
        for name in ("bundle-list", "bundle-create", "bundle-update"):
            self.permissions_map[name] = bundle_access

    def get_urls(self):
        from shop.bundles import dashboard as bundles
        from shop.producers import dashboard

        urls = super().get_urls()
        urls += self.post_process_urls(
            [
                path("producers/", dashboard.ProducerListView.as_view(), name="producer-list"),
                path(
                    "producers/<int:pk>/",
                    dashboard.ProducerUpdateView.as_view(),
                    name="producer-update",
                ),
                path("bundles/", bundles.BundleListView.as_view(), name="bundle-list"),
                path("bundles/new/", bundles.BundleEditView.as_view(), name="bundle-create"),
                path("bundles/<int:pk>/", bundles.BundleEditView.as_view(), name="bundle-update"),
            ]
        )
        return urls
