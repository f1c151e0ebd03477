from django.contrib import admin

from .models import AdministrativeUnit


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "level", "scheme", "division_type", "parent")
    list_filter = ("scheme", "level")
    search_fields = ("name", "codename", "=code")
    raw_id_fields = ("parent", "province")
    list_select_related = ("parent",)
