from oscar.apps.dashboard.shipping import forms

WeightBandForm = forms.WeightBandForm


class WeightBasedForm(forms.WeightBasedForm):
    """Staff also set the basket total from which home delivery is free."""

    class Meta(forms.WeightBasedForm.Meta):
        fields = ["name", "description", "default_weight", "free_shipping_threshold", "countries"]
