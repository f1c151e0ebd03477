from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout import forms as oscar_forms
from oscar.templatetags.currency_filters import currency

from shop.address.forms import VietnameseAddressFields

from . import services


class ShippingAddressForm(VietnameseAddressFields, oscar_forms.ShippingAddressForm):
    """Where the order goes: the Vietnamese address fields of ``shop.address.forms``."""

    class Meta(oscar_forms.ShippingAddressForm.Meta):
        fields = VietnameseAddressFields.ADDRESS_FIELDS


ShippingMethodForm = oscar_forms.ShippingMethodForm


class GatewayForm(oscar_forms.GatewayForm):
    """The checkout's first step says nothing of which emails have an account: a guest may
    use any address (OSCAR_ALLOW_GUEST_CHECKOUT_WITH_ACCOUNT), and "create an account" goes on
    to registration, which answers a known and an unknown address alike."""

    def clean(self):
        if self.is_new_account_checkout():
            self.errors.pop("password", None)
            return self.cleaned_data
        return super().clean()


METHOD_LABELS = {
    services.METHOD_COD: _("Cash on delivery (COD)"),
    services.METHOD_BANK_TRANSFER: _("Bank transfer (VietQR)"),
    services.METHOD_CARD: _("Card (Visa, Mastercard, JCB)"),
    services.METHOD_ON_ACCOUNT: _("On account (pay the VAT invoice on your payment terms)"),
}


class PaymentMethodForm(forms.Form):
    """Choose how to pay; card only when card payments are configured, COD under a ceiling."""

    method = forms.ChoiceField(label=_("Payment method"), widget=forms.RadioSelect)

    def __init__(self, *args, order_total=None, user=None, gift_for_someone_else=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_total = order_total
        self.gift_for_someone_else = gift_for_someone_else
        methods = services.available_payment_methods(user)
        # Card only for totals Stripe accepts (VND minimum and maximum charge).
        self.card_note = ""
        if services.METHOD_CARD in methods:
            from shop.payments.services import card_unavailable_reason

            self.card_note = card_unavailable_reason(order_total)
            if self.card_note:
                methods = [m for m in methods if m != services.METHOD_CARD]
        self.fields["method"].choices = [(m, METHOD_LABELS[m]) for m in methods]

    def clean(self):
        data = super().clean()
        if self.card_note and self.data.get(self.add_prefix("method")) == services.METHOD_CARD:
            self._errors["method"] = self.error_class([self.card_note])
        return data

    def clean_method(self):
        method = self.cleaned_data["method"]
        if method == services.METHOD_COD and self.gift_for_someone_else:
            raise forms.ValidationError(services.gift_cod_refusal())
        if method == services.METHOD_COD and not services.cod_allowed(self.order_total):
            raise forms.ValidationError(
                _(
                    "Cash on delivery is only possible for orders up to %(limit)s. "
                    "Please pay by bank transfer or card."
                )
                % {"limit": currency(services.cod_max_order_total())}
            )
        return method
