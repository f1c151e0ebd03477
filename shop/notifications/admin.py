from django.contrib import admin

from .models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ("created", "event", "recipient", "language", "status", "attempts", "sent_at")
    list_filter = ("status", "event", "language")
    search_fields = ("recipient", "dedupe_key", "order__number")
    raw_id_fields = ("order", "partner", "user")
    readonly_fields = ("dedupe_key", "claim_token", "published_at", "lease_until", "sent_at")
