"""The forked dashboard catalogue: Oscar's, plus OCOP certificates."""

from django.urls import path
from oscar.apps.dashboard.catalogue import apps
from oscar.core.loading import get_class


class CatalogueDashboardConfig(apps.CatalogueDashboardConfig):
    name = "shop.dashboard.catalogue"

    def configure_permissions(self):
        super().configure_permissions()
        # OCOP certificates are the provincial office's business: staff with the
        # certificate permissions only (producers' partner access is not enough).
        self.permissions_map["catalogue-certificate-list"] = [
            "is_staff",
            "catalogue.view_certificate",
        ]

    def ready(self):
        super().ready()
        self.certificate_list_view = get_class("dashboard.catalogue.views", "CertificateListView")

    def get_urls(self):
        urls = super().get_urls()
        urls += self.post_process_urls(
            [
                path(
                    "certificates/",
                    self.certificate_list_view.as_view(),
                    name="catalogue-certificate-list",
                ),
            ]
        )
        return urls
