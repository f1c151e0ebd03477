"""Filters of the public producer directory."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from shop.regions.models import AdministrativeUnit, Level

from .models import LegalType


class UnitChoiceField(forms.ModelChoiceField):
    """Administrative units chosen by official code, labelled by name."""

    def label_from_instance(self, obj):
        return obj.name


class ProducerFilterForm(forms.Form):
    """Filter producers by locality (district of the province, or province) and legal type.

    Values are official codes (``?district=525&legal_type=cooperative``); an unknown value is a
    form error and that filter is ignored.
    """

    district = UnitChoiceField(
        label=_("District"),
        queryset=AdministrativeUnit.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All localities"),
    )
    province = UnitChoiceField(
        label=_("Province"),
        queryset=AdministrativeUnit.objects.none(),
        to_field_name="code",
        required=False,
        widget=forms.HiddenInput,
    )
    legal_type = forms.ChoiceField(
        label=_("Legal type"),
        choices=[("", _("All types"))] + list(LegalType.choices),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scheme = settings.OCOP_REGION_SCHEME
        self.fields["district"].queryset = AdministrativeUnit.objects.filter(
            scheme=scheme, level=Level.DISTRICT, province__code=settings.OCOP_PROVINCE_CODE
        ).order_by("name")
        self.fields["province"].queryset = AdministrativeUnit.objects.filter(
            scheme=scheme, level=Level.PROVINCE
        )

    def filter_values(self):
        """The valid filters only (cleaned values of fields without errors)."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            name: cleaned[name]
            for name in ("district", "province", "legal_type")
            if cleaned.get(name) and name not in self.errors
        }
