import csv
import io

from django import forms
from django.utils import timezone
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


class QuickOrderForm(forms.Form):
    """Rows of SKU and quantity, one per line ("SKU, quantity" or "SKU quantity")."""

    rows = forms.CharField(
        label=_("One product per line: SKU and quantity"),
        widget=forms.Textarea(attrs={"rows": 8, "placeholder": "OCOP-001, 50\nOCOP-002, 120"}),
    )

    def clean_rows(self):
        parsed = []
        errors = []
        for number, raw in enumerate(self.cleaned_data["rows"].splitlines(), start=1):
            text = raw.strip()
            if not text:
                continue
            parts = [p for p in text.replace(";", ",").replace("\t", ",").split(",")]
            if len(parts) == 1:
                parts = text.split()
            parts = [p.strip() for p in parts if p.strip()]
            if len(parts) != 2:
                errors.append((number, text, None))
                continue
            parsed.append((number, parts[0], parts[1]))
        if errors:
            raise forms.ValidationError(
                [
                    forms.ValidationError(
                        _("Line %(line)d: write the SKU and the quantity (%(text)s)."),
                        params={"line": n, "text": t},
                    )
                    for n, t, _x in errors
                ]
            )
        if not parsed:
            raise forms.ValidationError(_("Enter at least one product."))
        return parsed


class CsvUploadForm(forms.Form):
    file = forms.FileField(label=_("CSV file (columns sku, quantity)"))

    MAX_BYTES = 1_000_000

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is too large (at most 1 MB)."))
        raw = upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("The file is not UTF-8 text: save it as CSV UTF-8.")
            ) from None
        try:
            sample = text[:2048]
            dialect = (
                csv.Sniffer().sniff(sample, delimiters=",;\t") if sample.strip() else csv.excel
            )
        except csv.Error:
            dialect = csv.excel
        reader = csv.reader(io.StringIO(text), dialect)
        rows = [row for row in reader]
        if not rows:
            raise forms.ValidationError(_("The file is empty."))
        header = [cell.strip().lower() for cell in rows[0]]
        if "sku" not in header or "quantity" not in header:
            raise forms.ValidationError(
                _("The first row must name the columns: sku, quantity (see the template).")
            )
        sku_col, qty_col = header.index("sku"), header.index("quantity")
        parsed = []
        for number, row in enumerate(rows[1:], start=2):
            if not any(cell.strip() for cell in row):
                continue
            sku = row[sku_col].strip() if sku_col < len(row) else ""
            qty = row[qty_col].strip() if qty_col < len(row) else ""
            parsed.append((number, sku, qty))
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
