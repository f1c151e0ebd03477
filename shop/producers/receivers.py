"""Keep products' search text current when their producer is renamed."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from oscar.core.loading import get_model

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
Product = get_model("catalogue", "Product")


@receiver(post_save, sender=Partner)
def refresh_products_of_renamed_partner(sender, instance, created, **kwargs):
    if created:
        return
    for product in Product.objects.filter(stockrecords__partner=instance).distinct():
        product.save(update_fields=["search_text", "search_title"])


@receiver(post_save, sender=StockRecord)
def refresh_product_search_on_stockrecord(sender, instance, created, **kwargs):
    if created:
        instance.product.save(update_fields=["search_text", "search_title"])
