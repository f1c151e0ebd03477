from django.contrib import admin

from .models import Showroom


@admin.register(Showroom)
class ShowroomAdmin(admin.ModelAdmin):
    list_display = ("name", "district", "street_address", "operator", "is_active")
    list_filter = ("is_active", "district")
    search_fields = ("name", "street_address", "operator")
    prepopulated_fields = {"slug": ("name",)}
    raw_id_fields = ("province", "district", "commune")
