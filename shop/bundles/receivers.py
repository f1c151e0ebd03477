"""Keep bundle prices true: a component's price change re-prices the bundles holding it."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from oscar.core.loading import get_model

from . import services
from .models import BundleComponent, GiftBundle

StockRecord = get_model("partner", "StockRecord")


@receiver(post_save, sender=StockRecord, dispatch_uid="bundles-reprice-on-stockrecord")
def reprice_bundles(sender, instance, raw=False, **kwargs):
    # Oscar's stock movements (allocate, cancel…) send post_save without ``update_fields``:
    # they never change a price, so only real saves re-price.
    if raw or "update_fields" not in kwargs or not instance.product_id:
        return
    if GiftBundle.objects.filter(components__product_id=instance.product_id).exists():
        services.sync_bundles_with(instance.product_id)


@receiver(post_save, sender=BundleComponent, dispatch_uid="bundles-reprice-on-component")
@receiver(post_delete, sender=BundleComponent, dispatch_uid="bundles-reprice-on-component-delete")
def reprice_bundle(sender, instance, raw=False, origin=None, **kwargs):
    if raw:
        return
    if origin is not None and not (
        isinstance(origin, BundleComponent) or getattr(origin, "model", None) is BundleComponent
    ):
        # Deleted along with its bundle (or the bundle's product): nothing is left to
        # re-price, and re-pricing would recreate the stock record being deleted.
        return
    bundle = GiftBundle.objects.filter(pk=instance.bundle_id).select_related("product").first()
    if bundle is not None:
        services.sync_bundle(bundle)
