from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Producer, ProducerPhoto


class ProducerPhotoInline(admin.TabularInline):
    model = ProducerPhoto
    extra = 1


@admin.register(Producer)
class ProducerAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "legal_type",
        "district",
        "commune",
        "tax_code",
        "verified",
        "is_public",
    )
    list_filter = ("legal_type", "verified", "is_public", "district")
    search_fields = ("partner__name", "tax_code", "slug", "representative")
    raw_id_fields = ("partner", "province", "district", "commune")
    list_select_related = ("partner", "district", "commune")
    inlines = [ProducerPhotoInline]
    fieldsets = (
        (None, {"fields": ("partner", "slug", "legal_type", "tax_code", "verified", "is_public")}),
        (_("Locality"), {"fields": ("province", "district", "commune", "street_address")}),
        (_("Profile"), {"fields": ("story", "story_en", "logo", "founded_year", "representative")}),
        (_("Contacts"), {"fields": ("phone", "email", "website")}),
    )

    @admin.display(ordering="partner__name")
    def name(self, obj):
        return obj.name
