"""Oscar's signals that start a notification: an order placed, a low-stock alert opened,
an order moved to "delivered"."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from oscar.apps.order.signals import order_placed, order_status_changed
from oscar.core.loading import get_model

from . import services

StockAlert = get_model("partner", "StockAlert")


@receiver(order_placed, dispatch_uid="notifications.order_placed")
def _order_placed(sender, order, **kwargs):
    services.order_placed(order)


@receiver(post_save, sender=StockAlert, dispatch_uid="notifications.low_stock")
def _stock_alert_opened(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        services.low_stock(instance)


@receiver(order_status_changed, dispatch_uid="notifications.order_delivered")
def _order_status_changed(sender, order, old_status, new_status, **kwargs):
    if new_status == "delivered":
        services.order_delivered(order)
