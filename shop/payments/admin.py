from django.contrib import admin

from .models import CardPayment, CardRefund, PaymentMismatch, StripeEvent


@admin.register(CardPayment)
class CardPaymentAdmin(admin.ModelAdmin):
    list_display = ("order_number", "intent_id", "status", "amount", "amount_refunded", "created")
    list_filter = ("status",)
    search_fields = ("order_number", "intent_id")
    readonly_fields = [f.name for f in CardPayment._meta.fields]


@admin.register(StripeEvent)
class StripeEventAdmin(admin.ModelAdmin):
    list_display = ("event_id", "type", "received_at", "processed_at", "result", "attempts")
    list_filter = ("type", ("processed_at", admin.EmptyFieldListFilter))
    search_fields = ("event_id",)
    readonly_fields = [f.name for f in StripeEvent._meta.fields]


@admin.register(PaymentMismatch)
class PaymentMismatchAdmin(admin.ModelAdmin):
    list_display = ("intent_id", "kind", "amount", "currency", "order", "received_at")
    list_filter = ("kind",)
    search_fields = ("intent_id", "order__number")
    readonly_fields = [f.name for f in PaymentMismatch._meta.fields]


@admin.register(CardRefund)
class CardRefundAdmin(admin.ModelAdmin):
    list_display = ("refund_id", "payment", "amount", "status", "created")
    list_filter = ("status",)
    search_fields = ("refund_id", "payment__order_number")
    readonly_fields = [f.name for f in CardRefund._meta.fields]
