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
    # Left empty, the certificate is simply not created: the browser must not insist.
    use_required_attribute = False

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


# --- Producers' own entries: images checked and re-encoded, whole-dong prices, sanitised
# descriptions, certificates unverified until staff verify them ------------------------------

_CoreProductForm = ProductForm  # noqa: F405
_CoreProductImageForm = ProductImageForm  # noqa: F405
_CoreStockRecordForm = StockRecordForm  # noqa: F405


class ProductForm(_CoreProductForm):
    def clean_description(self):
        from shop.workspace.richtext import clean_html

        return clean_html(self.cleaned_data.get("description", ""))


class ProductImageForm(_CoreProductImageForm):
    """Only JPEG, PNG or WebP within the size limit, decoded, and stored re-encoded."""

    def clean_original(self):
        from shop.workspace.images import reencoded_image

        image = self.cleaned_data.get("original")
        if image and hasattr(image, "content_type"):  # a new upload
            return reencoded_image(image)
        return image


class StockRecordForm(_CoreStockRecordForm):
    def clean_price(self):
        from shop.workspace.forms import whole_dong

        return whole_dong(self.cleaned_data.get("price"))


PRODUCER_CERTIFICATE_FIELDS = [
    name for name in CERTIFICATE_FIELDS if name not in ("verified", "revoked", "revocation_reason")
]


class ProducerCertificateForm(CertificateForm):
    """The certificate as a producer enters it: never verified by the producer itself."""

    class Meta(CertificateForm.Meta):
        fields = PRODUCER_CERTIFICATE_FIELDS


class ProducerCertificateFormSection(CertificateFormSection):
    """A producer's certificate entry: saved unverified (no badge until staff verify it).

    A revoked certificate cannot be changed by the producer.
    """

    def __init__(self, product_class, user, data=None, files=None, instance=None):
        self.user = user
        self.product = instance
        existing = getattr(instance, "ocop", None) if instance is not None else None
        self.is_new = existing is None
        self.read_only = existing is not None and existing.revoked
        certificate = existing or Certificate(verified=False)
        self.form = ProducerCertificateForm(
            data=None if self.read_only else data,
            files=files,
            instance=certificate,
            product=instance,
        )
        self.left_empty = self.read_only or (
            data is not None
            and self.is_new
            and not any(data.get(f"{CertificateForm.prefix}-{f}") for f in CERTIFICATE_ENTRY_FIELDS)
        )

    def save(self, note=""):
        if self.left_empty:
            return None
        if not self.form.has_changed() and not self.is_new:
            return self.form.instance
        certificate = self.form.save(commit=False)
        certificate.product = self.product
        certificate.verified = False
        certificate.save(user=self.user, note=note or _("Entered by the producer"))
        return certificate
