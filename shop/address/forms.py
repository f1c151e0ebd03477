"""Vietnamese address forms: the address book uses the same fields as the checkout."""

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.address import forms as oscar_forms
from oscar.core.loading import get_model

from shop.regions.models import AdministrativeUnit, Level, Scheme

Country = get_model("address", "Country")


def _unit_id(form, name):
    """The chosen unit id from the submitted data, else from the initial values."""
    value = form.data.get(form.add_prefix(name)) if form.is_bound else None
    if value in (None, ""):
        value = form.initial.get(name)
        value = getattr(value, "pk", value)
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class VietnameseAddressFields(forms.Form):
    """Province, then district and commune (or commune directly in the 2025 scheme), street and
    a required Vietnamese phone number. The unit names go on Oscar's address lines (line1
    street, line2 commune, line3 district, line4 and state province) and their official codes
    on the address (``shop.regions.models.AddressUnits``)."""

    province = forms.ModelChoiceField(
        label=_("Province / city"), queryset=AdministrativeUnit.objects.none()
    )
    district = forms.ModelChoiceField(
        label=_("District"), queryset=AdministrativeUnit.objects.none(), required=False
    )
    commune = forms.ModelChoiceField(
        label=_("Commune / ward"), queryset=AdministrativeUnit.objects.none(), required=False
    )

    ADDRESS_FIELDS = ["first_name", "last_name", "phone_number", "line1", "country", "notes"]
    field_order = [
        "first_name",
        "last_name",
        "phone_number",
        "province",
        "district",
        "commune",
        "line1",
        "notes",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line1"].label = _("House number and street")
        self.fields["phone_number"].required = True
        self._initial_units_from_instance()
        units = AdministrativeUnit.objects.all()
        self.fields["province"].queryset = units.provinces().order_by("name")
        province = units.provinces().filter(pk=_unit_id(self, "province")).first()
        if province is not None:
            self.fields["district"].queryset = units.districts().filter(parent=province)
            district = (
                units.districts().filter(parent=province, pk=_unit_id(self, "district")).first()
            )
            if province.scheme == Scheme.FROM_2025:
                self.fields["commune"].queryset = units.communes().filter(parent=province)
            elif district is not None:
                self.fields["commune"].queryset = units.communes().filter(parent=district)
        self.order_fields(self.field_order)

    CODE_FIELDS = ("region_scheme", "province_code", "district_code", "commune_code")

    def _initial_units_from_instance(self):
        """A saved address (the instance, or address fields given as initial data, as the
        checkout keeps them): its unit codes select the province, district and commune."""
        codes = {name: self.initial.get(name) for name in self.CODE_FIELDS}
        if not codes["province_code"]:
            instance = getattr(self, "instance", None)
            codes = {name: getattr(instance, name, None) for name in self.CODE_FIELDS}
        if not codes["province_code"]:
            return
        units = AdministrativeUnit.objects.filter(scheme=codes["region_scheme"])
        for name, level in (
            ("province", Level.PROVINCE),
            ("district", Level.DISTRICT),
            ("commune", Level.COMMUNE),
        ):
            code = codes[f"{name}_code"]
            if code and name not in self.initial:
                unit = units.filter(level=level, code=code).first()
                if unit is not None:
                    self.initial[name] = unit.pk

    def clean(self):
        data = super().clean()
        province = data.get("province")
        district = data.get("district")
        commune = data.get("commune")
        if province is None:
            return data
        if province.scheme == Scheme.PRE_2025 and province.children.exists():
            if district is None or district.parent_id != province.pk:
                self.add_error("district", _("Choose a district of the chosen province."))
                return data
        if province.scheme == Scheme.FROM_2025:
            district = None
        parent = district if province.scheme == Scheme.PRE_2025 else province
        if parent is not None and parent.children.exists():
            if commune is None or commune.parent_id != parent.pk:
                self.add_error("commune", _("Choose a commune or ward of the chosen district."))
                return data
        self.instance.line2 = commune.name if commune else ""
        self.instance.line3 = district.name if district else ""
        self.instance.line4 = province.name
        self.instance.state = province.name
        self.instance.postcode = ""
        if hasattr(self.instance, "set_units"):
            self.instance.set_units(province, district, commune)
        return data


class UserAddressForm(VietnameseAddressFields, oscar_forms.UserAddressForm):
    """An address-book entry, entered like the checkout's shipping address: only countries the
    shop delivers to (none to choose when there is one, as at checkout)."""

    class Meta(oscar_forms.UserAddressForm.Meta):
        fields = VietnameseAddressFields.ADDRESS_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        countries = Country._default_manager.filter(is_shipping_country=True)
        if len(countries) == 1:
            self.fields.pop("country", None)
            self.instance.country = countries[0]
        else:
            self.fields["country"].queryset = countries
            self.fields["country"].empty_label = None
