"""The forked Oscar dashboard (forked so that its sub-apps, e.g. catalogue, can be forked).

It also mounts the producer-profile pages (``shop.producers.dashboard``) at
/dashboard/producers/.
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
        self.permissions_map["notifications-outbox"] = DashboardPermission.get(
            "notifications", "view_outboxmessage"
        )
        self.permissions_map["notifications-resend"] = DashboardPermission.get(
            "notifications", "change_outboxmessage"
        )

    def get_urls(self):
        from shop.notifications import dashboard as notifications
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
                path(
                    "notifications/",
                    notifications.OutboxListView.as_view(),
                    name="notifications-outbox",
                ),
                path(
                    "notifications/<int:pk>/resend/",
                    notifications.OutboxResendView.as_view(),
                    name="notifications-resend",
                ),
            ]
        )
        return urls
