"""The forked Oscar dashboard (forked so that its sub-apps, e.g. catalogue, can be forked).

It also mounts the producer-profile pages (``shop.producers.dashboard``) at
/dashboard/producers/, the producer workspace (``shop.workspace.dashboard``: stock, stock CSV,
sales, team) at /dashboard/workspace/, the staff review of producer applications at
/dashboard/producer-applications/, the wholesale pages (``shop.wholesale.dashboard``) at
/dashboard/wholesale/ and the gift bundle editor (``shop.bundles.dashboard``) at
/dashboard/bundles/.
"""

from django.urls import path
from oscar.apps.dashboard import apps
from oscar.core.loading import get_class

WORKSPACE_URL_NAMES = (
    "workspace-stock",
    "workspace-stock-update",
    "workspace-stock-template",
    "workspace-stock-import",
    "workspace-stock-import-detail",
    "workspace-sales",
    "workspace-team",
    "workspace-invitation-withdraw",
    "workspace-member-remove",
)


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
        # The workspace: producers only (staff act for no producer there).
        for name in WORKSPACE_URL_NAMES:
            self.permissions_map[name] = DashboardPermission.partner_dashboard_access
        for name in ("producer-application-list", "producer-application-detail"):
            self.permissions_map[name] = ["is_staff", "workspace.change_producerapplication"]
        self.permissions_map["producer-application-document"] = [
            "is_staff",
            "workspace.view_producerapplication",
        ]
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
        self.permissions_map["notifications-outbox"] = DashboardPermission.get(
            "notifications", "view_outboxmessage"
        )
        self.permissions_map["notifications-resend"] = DashboardPermission.get(
            "notifications", "change_outboxmessage"
        )
        bundle_access = (
            ["is_staff", "catalogue.change_product"],
            DashboardPermission.partner_dashboard_access,
        )
        for name in ("bundle-list", "bundle-create", "bundle-update"):
            self.permissions_map[name] = bundle_access
        for name in ("bundle-decide", "bundle-settings"):
            self.permissions_map[name] = ["is_staff", "catalogue.change_product"]

    def get_urls(self):
        from shop.bundles import dashboard as bundles
        from shop.notifications import dashboard as notifications
        from shop.producers import dashboard
        from shop.wholesale import dashboard as wholesale
        from shop.workspace import dashboard as workspace

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
                path("workspace/stock/", workspace.StockListView.as_view(), name="workspace-stock"),
                path(
                    "workspace/stock/<int:pk>/",
                    workspace.StockUpdateView.as_view(),
                    name="workspace-stock-update",
                ),
                path(
                    "workspace/stock/template.csv",
                    workspace.StockTemplateView.as_view(),
                    name="workspace-stock-template",
                ),
                path(
                    "workspace/stock/import/",
                    workspace.StockImportView.as_view(),
                    name="workspace-stock-import",
                ),
                path(
                    "workspace/stock/import/<int:pk>/",
                    workspace.StockImportDetailView.as_view(),
                    name="workspace-stock-import-detail",
                ),
                path("workspace/sales/", workspace.SalesView.as_view(), name="workspace-sales"),
                path("workspace/team/", workspace.TeamView.as_view(), name="workspace-team"),
                path(
                    "workspace/team/invitations/<int:pk>/withdraw/",
                    workspace.InvitationWithdrawView.as_view(),
                    name="workspace-invitation-withdraw",
                ),
                path(
                    "workspace/team/members/<int:pk>/remove/",
                    workspace.MemberRemoveView.as_view(),
                    name="workspace-member-remove",
                ),
                path(
                    "producer-applications/",
                    workspace.ApplicationListView.as_view(),
                    name="producer-application-list",
                ),
                path(
                    "producer-applications/<int:pk>/",
                    workspace.ApplicationDetailView.as_view(),
                    name="producer-application-detail",
                ),
                path(
                    "producer-applications/documents/<int:pk>/",
                    workspace.ApplicationDocumentView.as_view(),
                    name="producer-application-document",
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
                path("bundles/", bundles.BundleListView.as_view(), name="bundle-list"),
                path("bundles/new/", bundles.BundleEditView.as_view(), name="bundle-create"),
                path("bundles/<int:pk>/", bundles.BundleEditView.as_view(), name="bundle-update"),
                path(
                    "bundles/<int:pk>/decide/",
                    bundles.BundleDecisionView.as_view(),
                    name="bundle-decide",
                ),
                path(
                    "bundles/settings/",
                    bundles.BundleSettingsView.as_view(),
                    name="bundle-settings",
                ),
            ]
        )
        return urls
