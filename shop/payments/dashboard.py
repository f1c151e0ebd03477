"""Dashboard pages: the payment options (cash on delivery and its ceiling), and the card
payments that did not pay an order."""

from django import forms
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import generic

from .models import PaymentMismatch, PaymentSettings


class PaymentSettingsForm(forms.ModelForm):
    class Meta:
        model = PaymentSettings
        fields = ["cod_enabled", "cod_max_order_total"]
        widgets = {"cod_max_order_total": forms.NumberInput(attrs={"step": 1, "min": 0})}


@staff_member_required(login_url="customer:login")
def payment_settings(request):
    form = PaymentSettingsForm(request.POST or None, instance=PaymentSettings.current())
    if request.method == "POST":
        if form.is_valid():
            updated = form.save(commit=False)
            updated.updated_by = request.user
            updated.save()
            messages.success(request, _("Payment settings saved."))
            return redirect("payments:settings")
        messages.error(request, _("Nothing was saved: please correct the errors below."))
    return render(
        request,
        "payments/dashboard/settings.html",
        {"form": form, "current": PaymentSettings.current()},
    )


@method_decorator(staff_member_required(login_url="customer:login"), name="dispatch")
class MismatchListView(generic.ListView):
    """Card payments that did not pay an order: staff check and refund them in Stripe."""

    template_name = "payments/dashboard/mismatches.html"
    context_object_name = "mismatches"
    paginate_by = 50

    def get_queryset(self):
        return PaymentMismatch.objects.select_related("order")
