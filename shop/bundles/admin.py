from django.contrib import admin

from .models import BundleComponent, GiftBundle, GiftOptions, GiftWrapping, Occasion


@admin.register(Occasion)
class OccasionAdmin(admin.ModelAdmin):
    list_display = ("name", "name_en", "code", "display_order")


class ReadOnly:
    """Bundles are built, priced and approved in the dashboard's bundle editor, where the
    minimum price and staff approval apply: the admin only shows them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class BundleComponentInline(ReadOnly, admin.TabularInline):
    model = BundleComponent
    raw_id_fields = ("product",)
    extra = 0

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(GiftBundle)
class GiftBundleAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("product", "occasion", "pricing", "owner", "approval")
    list_filter = ("approval", "occasion", "pricing")
    raw_id_fields = ("product",)
    inlines = [BundleComponentInline]


@admin.register(GiftWrapping)
class GiftWrappingAdmin(admin.ModelAdmin):
    list_display = ("name", "price", "is_active")


@admin.register(GiftOptions)
class GiftOptionsAdmin(admin.ModelAdmin):
    list_display = ("order", "wrapping", "recipient_is_other", "date_created")
    raw_id_fields = ("order",)
