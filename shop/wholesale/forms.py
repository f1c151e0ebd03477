import csv
import io

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .models import Business, Quote, Store
from .taxcode import normalise


class BusinessRegistrationForm(forms.ModelForm):
    class Meta:
        model = Business
        fields = ["name", "kind", "tax_code", "billing_address", "email", "phone"]
        widgets = {"billing_address": forms.Textarea(attrs={"rows": 3})}

    def clean_tax_code(self):
        return normalise(self.cleaned_data["tax_code"])


class StoreForm(forms.ModelForm):
    class Meta:
        model = Store
        fields = ["name", "address", "contact_name", "phone"]
        widgets = {"address": forms.Textarea(attrs={"rows": 2})}


class AddBuyerForm(forms.Form):
    email = forms.EmailField(label=_("Email of the buyer's customer account"))


class BusinessOrderForm(forms.Form):
    """PO number, requested delivery date and store of a business order (at checkout)."""

    po_number = forms.CharField(label=_("Purchase order (PO) number"), max_length=64)
    delivery_date = forms.DateField(
        label=_("Requested delivery date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    store = forms.ModelChoiceField(
        label=_("Deliver to store"), queryset=Store.objects.none(), required=False
    )

    def __init__(self, *args, business=None, **kwargs):
        super().__init__(*args, **kwargs)
        if business is not None:
            self.fields["store"].queryset = business.stores.all()

    def clean_po_number(self):
        value = self.cleaned_data["po_number"].strip()
        if not value:
            raise forms.ValidationError(_("Enter the purchase order number."))
        return value

    def clean_delivery_date(self):
        value = self.cleaned_data.get("delivery_date")
        if value and value < timezone.localdate():
            raise forms.ValidationError(_("The delivery date cannot be in the past."))
        return value


# Bounds of the bulk inputs, checked before any row touches the database: a SKU is at most
# 128 characters (Oscar's partner_sku), a quantity at most 9 digits, a line at most 300.
MAX_SKU_LENGTH = 128
MAX_QUANTITY_LENGTH = 9
MAX_LINE_LENGTH = 300


def _field_errors(number, sku, qty):
    """Messages for a row whose SKU or quantity is longer than any real one."""
    errors = []
    if len(sku) > MAX_SKU_LENGTH:
        errors.append(
            forms.ValidationError(
                _("Line %(line)d: the SKU is too long (at most %(limit)d characters)."),
                params={"line": number, "limit": MAX_SKU_LENGTH},
            )
        )
    if len(qty) > MAX_QUANTITY_LENGTH:
        errors.append(
            forms.ValidationError(
                _("Line %(line)d: the quantity is too long (at most %(limit)d digits)."),
                params={"line": number, "limit": MAX_QUANTITY_LENGTH},
            )
        )
    return errors


def _too_many_rows(limit):
    return forms.ValidationError(
        _("At most %(limit)d rows at once: split the order into several parts."),
        params={"limit": limit},
    )


class QuickOrderForm(forms.Form):
    """Rows of SKU and quantity, one per line ("SKU, quantity" or "SKU quantity"); at most
    ``WHOLESALE_QUICK_ORDER_MAX_ROWS`` rows, each within the field lengths."""

    rows = forms.CharField(
        label=_("One product per line: SKU and quantity"),
        widget=forms.Textarea(attrs={"rows": 8, "placeholder": "OCOP-001, 50\nOCOP-002, 120"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_rows = settings.WHOLESALE_QUICK_ORDER_MAX_ROWS
        field = self.fields["rows"]
        field.max_length = self.max_rows * (MAX_LINE_LENGTH + 1)
        field.validators.append(MaxLengthValidator(field.max_length))
        field.widget.attrs["maxlength"] = str(field.max_length)
        field.error_messages["max_length"] = _(
            "The list is too long (at most %(limit_value)d characters)."
        )

    def clean_rows(self):
        lines = [
            (number, raw.strip())
            for number, raw in enumerate(self.cleaned_data["rows"].splitlines(), start=1)
            if raw.strip()
        ]
        if len(lines) > self.max_rows:
            raise _too_many_rows(self.max_rows)
        parsed = []
        errors = []
        for number, text in lines:
            parts = [p for p in text.replace(";", ",").replace("\t", ",").split(",")]
            if len(parts) == 1:
                parts = text.split()
            parts = [p.strip() for p in parts if p.strip()]
            if len(parts) != 2:
                errors.append(
                    forms.ValidationError(
                        _("Line %(line)d: write the SKU and the quantity (%(text)s)."),
                        params={"line": number, "text": Truncator(text).chars(60)},
                    )
                )
                continue
            field_errors = _field_errors(number, *parts)
            errors.extend(field_errors)
            if not field_errors:
                parsed.append((number, parts[0], parts[1]))
        if errors:
            raise forms.ValidationError(errors)
        if not parsed:
            raise forms.ValidationError(_("Enter at least one product."))
        return parsed


class CsvUploadForm(forms.Form):
    """A CSV file of ``sku, quantity`` rows (UTF-8), bounded in bytes, rows, line and field
    lengths; nothing is looked up in the database until the whole file passes."""

    file = forms.FileField(label=_("CSV file (columns sku, quantity)"))

    def _text(self, upload):
        max_bytes = settings.WHOLESALE_CSV_MAX_BYTES
        if upload.size > max_bytes:
            raise forms.ValidationError(
                _("The file is too large (at most %(size)s KB)."),
                params={"size": max_bytes // 1000},
            )
        raw = upload.read(max_bytes + 1)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("The file is not UTF-8 text: save it as CSV UTF-8.")
            ) from None
        if "\x00" in text:
            raise forms.ValidationError(_("The file is not a CSV text file."))
        for number, line in enumerate(text.splitlines(), start=1):
            if len(line) > MAX_LINE_LENGTH:
                raise forms.ValidationError(
                    _("Line %(line)d is too long (at most %(limit)d characters)."),
                    params={"line": number, "limit": MAX_LINE_LENGTH},
                )
        return text

    def clean_file(self):
        text = self._text(self.cleaned_data["file"])
        max_rows = settings.WHOLESALE_CSV_MAX_ROWS
        try:
            sample = text[:2048]
            dialect = (
                csv.Sniffer().sniff(sample, delimiters=",;\t") if sample.strip() else csv.excel
            )
        except csv.Error:
            dialect = csv.excel
        reader = csv.reader(io.StringIO(text), dialect)
        try:
            header = [cell.strip().lower() for cell in next(reader, [])]
        except csv.Error:
            raise forms.ValidationError(_("The file is not a CSV text file.")) from None
        if not header:
            raise forms.ValidationError(_("The file is empty."))
        if "sku" not in header or "quantity" not in header:
            raise forms.ValidationError(
                _("The first row must name the columns: sku, quantity (see the template).")
            )
        sku_col, qty_col = header.index("sku"), header.index("quantity")
        parsed = []
        errors = []
        try:
            for number, row in enumerate(reader, start=2):
                if not any(cell.strip() for cell in row):
                    continue
                if len(parsed) >= max_rows:
                    raise _too_many_rows(max_rows)
                sku = row[sku_col].strip() if sku_col < len(row) else ""
                qty = row[qty_col].strip() if qty_col < len(row) else ""
                field_errors = _field_errors(number, sku, qty)
                errors.extend(field_errors)
                parsed.append((number, sku, qty))
        except csv.Error:
            raise forms.ValidationError(_("The file is not a CSV text file.")) from None
        if errors:
            raise forms.ValidationError(errors)
        if not parsed:
            raise forms.ValidationError(_("The file has no product rows."))
        return parsed


class QuoteRequestForm(forms.ModelForm):
    sku = forms.CharField(label=_("SKU"), max_length=128)

    class Meta:
        model = Quote
        fields = ["quantity", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 3})}

    field_order = ["sku", "quantity", "message"]


class QuoteAnswerForm(forms.ModelForm):
    class Meta:
        model = Quote
        fields = ["unit_price_excl_tax", "valid_until", "answer"]
        widgets = {
            "valid_until": forms.DateInput(attrs={"type": "date"}),
            "answer": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit_price_excl_tax"].required = True
        self.fields["valid_until"].required = True

    def clean_valid_until(self):
        value = self.cleaned_data["valid_until"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("The validity date cannot be in the past."))
        return value
