from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.orders import forms as oscar_forms


class MarkTransferPaidForm(forms.Form):
    """What staff read on the bank statement: the amount received and the bank's reference."""

    amount = forms.IntegerField(
        label=_("Amount received (dong)"),
        min_value=1,
        max_value=10**12,
        error_messages={"invalid": _("Enter the amount in whole dong, digits only.")},
    )
    reference = forms.CharField(
        label=_("Bank reference"),
        max_length=64,
        help_text=_("The transaction reference on the bank statement."),
    )

    def clean_reference(self):
        reference = " ".join(self.cleaned_data["reference"].split())
        if not reference:
            raise forms.ValidationError(_("Enter the bank reference."))
        return reference


def _labelled(choices):
    from shop.checkout.services import status_label

    return [(code, status_label(code) if code else label) for code, label in choices]


class OrderStatusForm(oscar_forms.OrderStatusForm):
    """Oscar's order status form, the statuses in words."""

    def __init__(self, order, *args, **kwargs):
        super().__init__(order, *args, **kwargs)
        self.fields["new_status"].choices = _labelled(self.fields["new_status"].choices)


class OrderSearchForm(oscar_forms.OrderSearchForm):
    """Oscar's order search form, the status filter in words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = _labelled(self.fields["status"].choices)
