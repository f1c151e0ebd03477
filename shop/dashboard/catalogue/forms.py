"""Dashboard forms: Oscar's catalogue forms plus the OCOP certificate form."""

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.catalogue.forms import *  # noqa: F403
from oscar.core.loading import get_model
from oscar.forms.widgets import DatePickerInput

Certificate = get_model("catalogue", "Certificate")
ProductGroup = get_model("catalogue", "ProductGroup")

CERTIFICATE_FIELDS = [
    "stars",
    "score",
    "group",
    "subgroup",
    "level",
    "issuer",
    "decision_number",
    "decision_date",
    "expires_on",
    "verified",
    "revoked",
    "revocation_reason",
]
# Fields whose presence means "a certificate is being entered" on a product without one.
CERTIFICATE_ENTRY_FIELDS = ["stars", "score", "issuer", "decision_number", "decision_date"]


class GroupChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code}. {obj.name}" + (f" ({obj.group_set.code})" if obj.group_set_id else "")


class CertificateForm(forms.ModelForm):
    """A product's OCOP certificate, edited on the product page of the dashboard (tab "OCOP").

    The product is the form's owner, not a field: it is set by ``CertificateFormSection``.
    """

    prefix = "ocop"

    group = GroupChoiceField(
        label=_("Product group"),
        queryset=ProductGroup.objects.filter(parent__isnull=True).select_related("group_set"),
    )
    subgroup = GroupChoiceField(
        label=_("Product sub-group"),
        queryset=ProductGroup.objects.filter(parent__isnull=False).select_related("group_set"),
        required=False,
    )

    class Meta:
        model = Certificate
        fields = CERTIFICATE_FIELDS
        widgets = {
            "decision_date": DatePickerInput,
            "expires_on": DatePickerInput,
        }

    def __init__(self, *args, product=None, **kwargs):
        super().__init__(*args, **kwargs)
        if product is not None and product.pk:
            # The id only: assigning the object would cache this unsaved certificate on
            # the product (``product.ocop``) before it is valid and saved.
            self.instance.product_id = product.pk
        current_first = ("-group_set__is_current", "group_set__code", "code")
        self.fields["group"].queryset = self.fields["group"].queryset.order_by(*current_first)
        self.fields["subgroup"].queryset = self.fields["subgroup"].queryset.order_by(*current_first)
        self.fields["expires_on"].required = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("revoked") and not cleaned.get("revocation_reason"):
            self.add_error("revocation_reason", _("Give the reason for revoking the certificate."))
        return cleaned


class CertificateFormSection:
    """The certificate form, shaped like one of the product page's formsets.

    Oscar's ``ProductCreateUpdateView`` builds each formset with ``(product_class, user,
    data, files, instance=product)`` and calls ``is_valid()`` and ``save()``; this wraps a
    ``CertificateForm`` the same way. A product without a certificate whose OCOP fields are
    left empty stays without one.
    """

    def __init__(self, product_class, user, data=None, files=None, instance=None):
        self.user = user
        self.product = instance
        existing = getattr(instance, "ocop", None) if instance is not None else None
        self.is_new = existing is None
        certificate = existing or Certificate()
        self.form = CertificateForm(data=data, files=files, instance=certificate, product=instance)
        self.left_empty = (
            data is not None
            and self.is_new
            and not any(data.get(f"{CertificateForm.prefix}-{f}") for f in CERTIFICATE_ENTRY_FIELDS)
        )

    def is_valid(self):
        return self.left_empty or self.form.is_valid()

    @property
    def errors(self):
        return {} if self.left_empty else self.form.errors

    def save(self, note=""):
        if self.left_empty:
            return None
        certificate = self.form.save(commit=False)
        certificate.product = self.product
        certificate.save(user=self.user, note=note)
        return certificate


class CertificateSearchForm(forms.Form):
    STATUS_CHOICES = (
        [("", _("All statuses"))]
        + list(Certificate.Status.choices)
        + [("unverified", _("Not verified"))]
    )
    STARS_CHOICES = [("", _("All stars"))] + [(str(n), f"{n}★") for n in range(5, 0, -1)]

    q = forms.CharField(label=_("Product or decision number"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    stars = forms.ChoiceField(label=_("Stars"), choices=STARS_CHOICES, required=False)
