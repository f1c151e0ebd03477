from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.admin import *  # noqa: F403
from oscar.core.loading import get_model

Certificate = get_model("catalogue", "Certificate")
CertificateEvent = get_model("catalogue", "CertificateEvent")
ProductGroup = get_model("catalogue", "ProductGroup")
ProductGroupSet = get_model("catalogue", "ProductGroupSet")


class CertificateEventInline(admin.TabularInline):
    model = CertificateEvent
    extra = 0
    can_delete = False
    fields = ("date_created", "kind", "from_stars", "to_stars", "decision_number", "note", "user")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = (
        "product",
        "stars",
        "score",
        "group",
        "decision_number",
        "decision_date",
        "expires_on",
        "status_display",
        "verified",
        "revoked",
    )
    list_filter = ("stars", "level", "verified", "revoked", "group")
    search_fields = ("product__title", "decision_number", "issuer")
    raw_id_fields = ("product",)
    date_hierarchy = "decision_date"
    list_select_related = ("product", "group")
    inlines = [CertificateEventInline]

    @admin.display(description=_("Status"))
    def status_display(self, obj):
        return obj.get_status_display()

    def save_model(self, request, obj, form, change):
        # Through Certificate.save(user=…) so that the history records who changed what.
        obj.save(user=request.user)


class SubgroupInline(admin.TabularInline):
    model = ProductGroup
    fk_name = "parent"
    extra = 0
    fields = ("group_set", "code", "name", "name_en", "is_service")


@admin.register(ProductGroup)
class ProductGroupAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "name_en", "group_set", "parent", "is_service")
    list_filter = ("group_set", "is_service")
    search_fields = ("code", "name", "name_en")
    inlines = [SubgroupInline]


@admin.register(ProductGroupSet)
class ProductGroupSetAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "decision", "effective_from", "is_current")
