import oscar.apps.customer.apps as apps
from django.db.models.signals import post_migrate


class CustomerConfig(apps.CustomerConfig):
    name = "shop.customer"

    def ready(self):
        super().ready()
        from . import checks  # noqa: F401
        from .site import sync_site

        post_migrate.connect(sync_site, sender=self, dispatch_uid="shop.customer.sync_site")
