from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from . import services
from .models import BundleSettings, GiftBundle, Occasion

Product = get_model("catalogue", "Product")


class GiftOptionsForm(forms.Form):
    """Gift options the buyer sets before placing the order."""

    message = forms.CharField(
        label=_("Gift message"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Printed on a card in the parcel (500 characters at most)."),
    )
    sender_name = forms.CharField(
        label=_("From"),
        max_length=100,
        required=False,
        help_text=_("The name the recipient sees on the card."),
    )
    recipient_is_other = forms.BooleanField(
        label=_("Deliver to someone else"),
        required=False,
        help_text=_(
            "Enter the recipient's name and phone number as the delivery address; the order "
            "confirmation still goes to you."
        ),
    )
    wrapping = forms.BooleanField(label=_("Gift wrapping"), required=False)

    def __init__(self, *args, wrapping=None, **kwargs):
        super().__init__(*args, **kwargs)
        if wrapping is None:
            del self.fields["wrapping"]
        else:
            from oscar.templatetags.currency_filters import currency

            self.fields["wrapping"].label = _("Gift wrapping (+%(price)s)") % {
                "price": currency(wrapping.price)
            }

    def clean_message(self):
        return (self.cleaned_data.get("message") or "").strip()

    def clean_sender_name(self):
        return (self.cleaned_data.get("sender_name") or "").strip()


class BundleForm(forms.Form):
    """A gift bundle in the dashboard: the product's texts, occasion and pricing."""

    title = forms.CharField(label=_("Title"), max_length=255)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    image = forms.ImageField(label=_("Image"), required=False)
    occasion = forms.ModelChoiceField(label=_("Occasion"), queryset=Occasion.objects.all())
    pricing = forms.ChoiceField(label=_("Pricing"), choices=GiftBundle.Pricing.choices)
    fixed_price = forms.DecimalField(
        label=_("Fixed price (₫)"), required=False, min_value=1, decimal_places=0, max_digits=12
    )
    discount_percent = forms.IntegerField(
        label=_("Discount (%)"), required=False, min_value=0, max_value=90, initial=0
    )
    discount_amount = forms.DecimalField(
        label=_("Discount (₫)"),
        required=False,
        min_value=0,
        decimal_places=0,
        max_digits=12,
        initial=0,
    )
    is_public = forms.BooleanField(label=_("Shown in the shop"), required=False, initial=True)

    def clean_description(self):
        from shop.workspace.richtext import clean_html

        return clean_html(self.cleaned_data.get("description", ""))

    def clean_image(self):
        """Decoded and re-encoded without metadata, like every product image (JPEG, PNG or
        WebP, 5 MB at most)."""
        from shop.workspace.images import reencoded_image

        image = self.cleaned_data.get("image")
        return reencoded_image(image) if image else image

    def clean(self):
        data = super().clean()
        if (
            data.get("pricing") == GiftBundle.Pricing.FIXED
            and not data.get("fixed_price")
            and "fixed_price" not in self.errors
        ):
            self.add_error("fixed_price", _("A fixed-price bundle needs its price."))
        data["discount_percent"] = data.get("discount_percent") or 0
        data["discount_amount"] = data.get("discount_amount") or Decimal("0")
        return data


class ComponentForm(forms.Form):
    product = forms.ModelChoiceField(label=_("Product"), queryset=Product.objects.none())
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=99, initial=1)

    def __init__(self, *args, products=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = (
            products if products is not None else Product.objects.none()
        )


class BaseComponentFormSet(forms.BaseFormSet):
    def __init__(self, *args, products=None, **kwargs):
        self.products = products
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "products": self.products}

    def components(self):
        return [
            (form.cleaned_data["product"], form.cleaned_data["quantity"])
            for form in self.forms
            if form.cleaned_data.get("product") and not form.cleaned_data.get("DELETE")
        ]

    def clean(self):
        if any(self.errors):
            return
        components = self.components()
        if not components:
            raise forms.ValidationError(_("A gift bundle needs at least one product."))
        ids = [product.pk for product, _qty in components]
        if len(ids) != len(set(ids)):
            raise forms.ValidationError(_("Each product may appear only once in a bundle."))
        if any(services.is_bundle(product) for product, _qty in components):
            raise forms.ValidationError(_("A gift bundle cannot contain another gift bundle."))


ComponentFormSet = forms.formset_factory(
    ComponentForm, formset=BaseComponentFormSet, extra=3, can_delete=True, max_num=20
)


class BundleDecisionForm(forms.Form):
    """Staff approve or reject the version of a bundle they saw."""

    action = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Reject"))])
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason (sent to the producer)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
    )


class BundleSettingsForm(forms.ModelForm):
    class Meta:
        model = BundleSettings
        fields = ["min_price_percent"]
        widgets = {"min_price_percent": forms.NumberInput(attrs={"step": 1, "min": 0, "max": 100})}
