from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout import forms as oscar_forms
from oscar.templatetags.currency_filters import currency

from shop.regions.models import AdministrativeUnit, Scheme

from . import services


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


class ShippingAddressForm(oscar_forms.ShippingAddressForm):
    """A Vietnamese address: province, then district and commune (or commune directly in the
    2025 scheme), street and a Vietnamese phone number. The unit names go on Oscar's address
    lines: line1 street, line2 commune, line3 district, line4 and state province."""

    province = forms.ModelChoiceField(
        label=_("Province / city"), queryset=AdministrativeUnit.objects.none()
    )
    district = forms.ModelChoiceField(
        label=_("District"), queryset=AdministrativeUnit.objects.none(), required=False
    )
    commune = forms.ModelChoiceField(
        label=_("Commune / ward"), queryset=AdministrativeUnit.objects.none(), required=False
    )

    class Meta(oscar_forms.ShippingAddressForm.Meta):
        fields = ["first_name", "last_name", "phone_number", "line1", "country", "notes"]

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
        units = AdministrativeUnit.objects.all()
        self.fields["province"].queryset = units.provinces().order_by("name")
        province = units.provinces().filter(pk=_unit_id(self, "province")).first()
        district = None
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
        return data


ShippingMethodForm = oscar_forms.ShippingMethodForm
GatewayForm = oscar_forms.GatewayForm

METHOD_LABELS = {
    services.METHOD_COD: _("Cash on delivery (COD)"),
    services.METHOD_BANK_TRANSFER: _("Bank transfer (VietQR)"),
    services.METHOD_CARD: _("Card (Visa, Mastercard, JCB)"),
    services.METHOD_ON_ACCOUNT: _("On account (pay the VAT invoice on your payment terms)"),
}


class PaymentMethodForm(forms.Form):
    """Choose how to pay; card only when card payments are configured, COD under a ceiling."""

    method = forms.ChoiceField(label=_("Payment method"), widget=forms.RadioSelect)

    def __init__(self, *args, order_total=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_total = order_total
        self.fields["method"].choices = [
            (m, METHOD_LABELS[m]) for m in services.available_payment_methods(user)
        ]

    def clean_method(self):
        method = self.cleaned_data["method"]
        if method == services.METHOD_COD and not services.cod_allowed(self.order_total):
            raise forms.ValidationError(
                _(
                    "Cash on delivery is only possible for orders up to %(limit)s. "
                    "Please pay by bank transfer or card."
                )
                % {"limit": currency(services.cod_max_order_total())}
            )
        return method
