from django.contrib import admin

from .models import BundleComponent, GiftBundle, GiftOptions, GiftWrapping, Occasion


@admin.register(Occasion)
class OccasionAdmin(admin.ModelAdmin):
    list_display = ("name", "name_en", "code", "display_order")


class BundleComponentInline(admin.TabularInline):
    model = BundleComponent
    raw_id_fields = ("product",)
    extra = 0


@admin.register(GiftBundle)
class GiftBundleAdmin(admin.ModelAdmin):
    list_display = ("product", "occasion", "pricing", "owner")
    list_filter = ("occasion", "pricing")
    raw_id_fields = ("product",)
    inlines = [BundleComponentInline]


@admin.register(GiftWrapping)
class GiftWrappingAdmin(admin.ModelAdmin):
    list_display = ("name", "price", "is_active")


@admin.register(GiftOptions)
class GiftOptionsAdmin(admin.ModelAdmin):
    list_display = ("order", "wrapping", "recipient_is_other", "date_created")
    raw_id_fields = ("order",)
