from django import forms
from django.utils.translation import gettext_lazy as _


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
