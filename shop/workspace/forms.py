import datetime

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from shop.regions.models import AdministrativeUnit, Level

from .images import reencoded_image, validate_document
from .models import ProducerApplication
from .richtext import clean_html

StockRecord = get_model("partner", "StockRecord")

MAX_DOCUMENTS = 5


class UnitField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class ApplicationForm(forms.ModelForm):
    """The public application to sell on the marketplace."""

    documents = MultipleFileField(
        label=_("Certificate scans"),
        required=False,
        help_text=_(
            "OCOP certificate, business registration… PDF, JPEG, PNG or WebP, up to 10 MB each, at most 5 files."
        ),
    )

    class Meta:
        model = ProducerApplication
        fields = [
            "business_name",
            "legal_type",
            "tax_code",
            "district",
            "commune",
            "street_address",
            "contact_name",
            "phone",
            "email",
            "story",
        ]
        field_classes = {"district": UnitField, "commune": UnitField}
        widgets = {"story": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = AdministrativeUnit.objects.filter(scheme=settings.OCOP_REGION_SCHEME)
        self.province = units.filter(level=Level.PROVINCE, code=settings.OCOP_PROVINCE_CODE).first()
        in_province = Q(province=self.province)
        self.fields["district"].queryset = units.filter(in_province, level=Level.DISTRICT).order_by(
            "name"
        )
        self.fields["commune"].queryset = units.filter(in_province, level=Level.COMMUNE).order_by(
            "parent__name", "name"
        )
        if settings.OCOP_REGION_SCHEME == "2025":
            del self.fields["district"]
        self.fields["commune"].required = True

    def clean_tax_code(self):
        return self.cleaned_data["tax_code"].strip()

    def clean_phone(self):
        phone = "".join(ch for ch in self.cleaned_data["phone"] if ch.isdigit() or ch == "+")
        digits = phone.removeprefix("+84")
        if phone.startswith("+84"):
            digits = "0" + digits
        if not (digits.startswith("0") and len(digits) == 10 and digits.isdigit()):
            raise forms.ValidationError(
                _("Enter a Vietnamese phone number (10 digits, e.g. 0912345678).")
            )
        return digits

    def clean_story(self):
        return clean_html(self.cleaned_data.get("story", ""))

    def clean_documents(self):
        files = self.cleaned_data.get("documents") or []
        if len(files) > MAX_DOCUMENTS:
            raise forms.ValidationError(_("At most %(max)s files.") % {"max": MAX_DOCUMENTS})
        cleaned = []
        for uploaded in files:
            try:
                content_type = validate_document(uploaded)
            except forms.ValidationError as exc:
                raise forms.ValidationError(
                    _("%(name)s: %(error)s")
                    % {"name": uploaded.name, "error": " ".join(exc.messages)}
                ) from None
            if content_type != "application/pdf":
                original_name = uploaded.name
                uploaded = reencoded_image(uploaded)
                uploaded.original_name = original_name
            cleaned.append((uploaded, content_type))
        return cleaned

    def clean(self):
        cleaned = super().clean()
        if self.province is None:
            raise forms.ValidationError(_("Administrative units are not loaded yet."))
        district, commune = cleaned.get("district"), cleaned.get("commune")
        if commune is not None and district is not None and commune.parent_id != district.pk:
            self.add_error("commune", _("This commune is not in the chosen district."))
        return cleaned

    def save(self, applicant):
        application = super().save(commit=False)
        application.applicant = applicant
        application.province = self.province
        if application.commune_id and not application.district_id and "district" in self.fields:
            application.district = application.commune.parent
        application.save()
        for uploaded, content_type in self.cleaned_data.get("documents", []):
            application.documents.create(
                file=uploaded,
                original_name=getattr(uploaded, "original_name", uploaded.name)[:255],
                content_type=content_type,
                size=uploaded.size,
            )
        return application


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email"))


class StockRecordInlineForm(forms.ModelForm):
    """Stock, price and low-stock threshold of one of the producer's stock records."""

    class Meta:
        model = StockRecord
        fields = ["num_in_stock", "price", "low_stock_threshold"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["num_in_stock"].required = True
        self.fields["price"].required = True
        for name in self.fields:
            self.fields[name].widget.attrs.update(
                {"min": 0, "step": 1, "class": "form-control form-control-sm"}
            )

    def clean_num_in_stock(self):
        value = self.cleaned_data["num_in_stock"]
        if value is not None and value < (self.instance.num_allocated or 0):
            raise forms.ValidationError(
                _("%(allocated)s units are held for unshipped orders: stock cannot be lower.")
                % {"allocated": self.instance.num_allocated}
            )
        return value

    def clean_price(self):
        return whole_dong(self.cleaned_data["price"])


def whole_dong(price):
    if price is None:
        return price
    if price < 0 or price != price.to_integral_value():
        raise forms.ValidationError(_("Enter the price in whole dong (0 or more, no decimals)."))
    return price


class StockImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if not uploaded.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("Upload a .csv file."))
        return uploaded


class SalesPeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    MAX_DAYS = 3 * 366

    @classmethod
    def default_period(cls):
        today = timezone.localdate()
        return today - datetime.timedelta(days=29), today

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if start > end:
                raise forms.ValidationError(_("The start date must be before the end date."))
            if (end - start).days > self.MAX_DAYS:
                raise forms.ValidationError(_("Choose a period of at most three years."))
        return cleaned


class ShipLinesForm(forms.Form):
    carrier = forms.CharField(label=_("Carrier"), max_length=100, required=False)
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=100, required=False)
