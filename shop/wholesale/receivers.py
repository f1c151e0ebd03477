"""Invoices follow their order: a cancelled order cancels its open invoice; a prepaid business
order that gets paid (card, bank transfer) marks its invoice paid."""

from django.db.models import F
from django.db.models.signals import post_save
from django.dispatch import receiver
from oscar.core.loading import get_model

from .models import Invoice, InvoiceStatus, PaymentTerms

Order = get_model("order", "Order")

PAID_STATUSES = ("paid",)


@receiver(post_save, sender=Order, dispatch_uid="wholesale-invoice-follows-order")
def invoice_follows_order(sender, instance, created, **kwargs):
    if created:
        return
    open_invoices = Invoice.objects.filter(
        business_order__order_id=instance.pk, status=InvoiceStatus.UNPAID
    )
    if instance.status == "cancelled":
        open_invoices.update(status=InvoiceStatus.CANCELLED)
    elif instance.status in PAID_STATUSES:
        open_invoices.filter(business_order__payment_terms=PaymentTerms.PREPAID).update(
            status=InvoiceStatus.PAID, amount_paid=F("total_incl_tax")
        )
