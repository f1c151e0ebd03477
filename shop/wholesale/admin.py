from django.contrib import admin

from . import models


class BuyerInline(admin.TabularInline):
    model = models.BusinessBuyer
    raw_id_fields = ["user"]
    extra = 0


class StoreInline(admin.TabularInline):
    model = models.Store
    extra = 0


@admin.register(models.Business)
class BusinessAdmin(admin.ModelAdmin):
    list_display = ["name", "tax_code", "status", "payment_terms", "credit_limit"]
    list_filter = ["status", "payment_terms"]
    search_fields = ["name", "tax_code"]
    inlines = [BuyerInline, StoreInline]


@admin.register(models.PriceTier)
class PriceTierAdmin(admin.ModelAdmin):
    list_display = ["stockrecord", "min_quantity", "price_excl_tax"]
    raw_id_fields = ["stockrecord"]


@admin.register(models.Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = ["number", "business_order", "status", "due_date", "total_incl_tax"]
    list_filter = ["status"]
    readonly_fields = ["number", "business_order"]


@admin.register(models.Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["business", "stockrecord", "quantity", "status", "unit_price_excl_tax"]
    list_filter = ["status"]
