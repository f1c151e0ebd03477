"""Dashboard pages for wholesale: staff verify businesses and set their terms, record payments
against invoices, edit price tiers and answer quotes; a producer's users edit the tiers of their
own products and answer quotes about them. Mounted by the forked dashboard app."""

from django import forms
from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from oscar.core.loading import get_model

from . import services
from .forms import QuoteAnswerForm
from .models import Business, Invoice, InvoiceStatus, PaymentTerms, Quote

StockRecord = get_model("partner", "StockRecord")

STAFF_PERMISSION = "wholesale.change_business"


def is_wholesale_staff(user):
    return user.is_active and user.is_staff and user.has_perm(STAFF_PERMISSION)


def stockrecords_for(user):
    """Stock records whose tiers ``user`` may edit: all for staff, else their partner's."""
    queryset = StockRecord.objects.select_related("product", "partner")
    if user.is_staff:
        return queryset
    return queryset.filter(partner__users=user)


class StaffOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not is_wholesale_staff(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class BusinessForm(forms.ModelForm):
    class Meta:
        model = Business
        fields = ["status", "payment_terms", "credit_limit", "staff_note"]
        widgets = {"staff_note": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        if data.get("payment_terms") != PaymentTerms.PREPAID and data.get("status") != "verified":
            self.add_error(
                "payment_terms", gettext_lazy("Only verified businesses can have payment terms.")
            )
        return data


class BusinessListView(StaffOnlyMixin, generic.ListView):
    template_name = "wholesale/dashboard/business_list.html"
    context_object_name = "businesses"
    paginate_by = 50

    def get_queryset(self):
        queryset = Business.objects.order_by("status", "name")
        status = self.request.GET.get("status")
        if status in {"pending", "verified", "rejected"}:
            queryset = queryset.filter(status=status)
        query = self.request.GET.get("q", "").strip()
        if query:
            queryset = queryset.filter(Q(name__icontains=query) | Q(tax_code__icontains=query))
        return queryset


class BusinessUpdateView(StaffOnlyMixin, generic.UpdateView):
    template_name = "wholesale/dashboard/business_form.html"
    model = Business
    form_class = BusinessForm
    context_object_name = "business"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["open_credit"] = services.open_credit(self.object)
        ctx["buyers"] = self.object.buyers.select_related("user")
        ctx["stores"] = self.object.stores.all()
        return ctx

    def form_valid(self, form):
        business = form.save(commit=False)
        if business.status == "verified" and business.verified_at is None:
            business.verified_at = timezone.now()
        business.save()
        messages.success(self.request, _("The business was saved."))
        return redirect("dashboard:wholesale-business-list")


class InvoiceListView(StaffOnlyMixin, generic.ListView):
    template_name = "wholesale/dashboard/invoice_list.html"
    context_object_name = "invoices"
    paginate_by = 50

    def get_queryset(self):
        queryset = Invoice.objects.select_related(
            "business_order__business", "business_order__order"
        ).order_by("-number")
        which = self.request.GET.get("show")
        if which == "overdue":
            queryset = queryset.filter(
                status=InvoiceStatus.UNPAID, due_date__lt=timezone.localdate()
            ).exclude(business_order__payment_terms=PaymentTerms.PREPAID)
        elif which == "unpaid":
            queryset = queryset.filter(status=InvoiceStatus.UNPAID)
        return queryset


class PaymentForm(forms.Form):
    amount = forms.DecimalField(label=gettext_lazy("Amount"), min_value=1, decimal_places=0)
    paid_on = forms.DateField(
        label=gettext_lazy("Paid on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reference = forms.CharField(label=gettext_lazy("Reference"), max_length=100)


class InvoiceDetailView(StaffOnlyMixin, generic.DetailView):
    template_name = "wholesale/dashboard/invoice_detail.html"
    context_object_name = "invoice"

    def get_queryset(self):
        return Invoice.objects.select_related("business_order__business", "business_order__order")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault(
            "form",
            PaymentForm(
                initial={"amount": self.object.amount_due, "paid_on": timezone.localdate()}
            ),
        )
        ctx["payments"] = self.object.payments.all()
        return ctx

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = PaymentForm(request.POST)
        if form.is_valid():
            try:
                services.record_payment(
                    self.object,
                    amount=form.cleaned_data["amount"],
                    reference=form.cleaned_data["reference"],
                    paid_on=form.cleaned_data["paid_on"],
                    user=request.user,
                )
            except services.WholesaleError as exc:
                form.add_error("amount", str(exc))
            else:
                messages.success(request, _("The payment was recorded."))
                return redirect("dashboard:wholesale-invoice", pk=self.object.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class TierForm(forms.Form):
    min_quantity = forms.IntegerField(label=gettext_lazy("From quantity"), min_value=1)
    price_excl_tax = forms.DecimalField(
        label=gettext_lazy("Unit price before VAT"), min_value=1, decimal_places=0, max_digits=12
    )


TierFormSet = forms.formset_factory(TierForm, extra=3, can_delete=True, max_num=20)


class QuantityRulesForm(forms.Form):
    min_quantity = forms.IntegerField(
        label=gettext_lazy("Minimum order quantity"), min_value=1, initial=1
    )
    case_size = forms.IntegerField(label=gettext_lazy("Case size"), min_value=1, initial=1)
    vat_rate = forms.DecimalField(
        label=gettext_lazy("VAT rate (%)"),
        min_value=0,
        max_value=20,
        decimal_places=1,
        required=False,
    )

    def __init__(self, *args, staff=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not staff:
            del self.fields["vat_rate"]


class TierListView(generic.ListView):
    """Products whose tiers the user may edit."""

    template_name = "wholesale/dashboard/tier_list.html"
    context_object_name = "records"
    paginate_by = 50

    def get_queryset(self):
        queryset = stockrecords_for(self.request.user).prefetch_related("price_tiers")
        query = self.request.GET.get("q", "").strip()
        if query:
            queryset = queryset.filter(
                Q(product__title__icontains=query) | Q(partner_sku__icontains=query)
            )
        return queryset.order_by("product__title")


class TierUpdateView(generic.TemplateView):
    template_name = "wholesale/dashboard/tier_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.record = get_object_or_404(stockrecords_for(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        record = self.record
        staff = self.request.user.is_staff
        if "formset" not in ctx:
            ctx["formset"] = TierFormSet(
                initial=[
                    {"min_quantity": t.min_quantity, "price_excl_tax": t.price_excl_tax}
                    for t in services.tiers_for(record)
                ],
                prefix="tiers",
            )
        if "rules_form" not in ctx:
            terms = services.terms_for(record)
            ctx["rules_form"] = QuantityRulesForm(
                initial={
                    "min_quantity": terms.min_quantity if terms else 1,
                    "case_size": terms.case_size if terms else 1,
                    "vat_rate": terms.vat_rate if terms else None,
                },
                staff=staff,
            )
        ctx["record"] = record
        ctx["default_vat_rate"] = services.vat_rate(record)
        return ctx

    def post(self, request, *args, **kwargs):
        staff = request.user.is_staff
        formset = TierFormSet(request.POST, prefix="tiers")
        rules_form = QuantityRulesForm(request.POST, staff=staff)
        if formset.is_valid() and rules_form.is_valid():
            rows = sorted(
                (f.cleaned_data["min_quantity"], f.cleaned_data["price_excl_tax"])
                for f in formset.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            )
            quantities = [q for q, _p in rows]
            if len(set(quantities)) != len(quantities):
                formset._non_form_errors = formset.error_class(
                    [_("Two tiers start at the same quantity.")]
                )
            else:
                terms = services.terms_for(self.record)
                vat = (
                    rules_form.cleaned_data.get("vat_rate")
                    if staff
                    else (terms.vat_rate if terms else None)
                )
                services.replace_tiers(
                    self.record,
                    rows,
                    min_quantity=rules_form.cleaned_data["min_quantity"],
                    case_size=rules_form.cleaned_data["case_size"],
                    vat_rate=vat,
                )
                messages.success(request, _("The wholesale prices were saved."))
                return redirect("dashboard:wholesale-tier-list")
        return self.render_to_response(
            self.get_context_data(formset=formset, rules_form=rules_form), status=400
        )


def quotes_for(user):
    queryset = Quote.objects.select_related("business", "stockrecord__product")
    if is_wholesale_staff(user):
        return queryset
    return queryset.filter(stockrecord__partner__users=user)


class QuoteListView(generic.ListView):
    template_name = "wholesale/dashboard/quote_list.html"
    context_object_name = "quotes"
    paginate_by = 50

    def get_queryset(self):
        return quotes_for(self.request.user).order_by("status", "-created")


class QuoteAnswerView(generic.UpdateView):
    template_name = "wholesale/dashboard/quote_form.html"
    form_class = QuoteAnswerForm
    context_object_name = "quote"

    def get_queryset(self):
        return quotes_for(self.request.user)

    def form_valid(self, form):
        try:
            services.answer_quote(
                self.object,
                unit_price_excl_tax=form.cleaned_data["unit_price_excl_tax"],
                valid_until=form.cleaned_data["valid_until"],
                answer=form.cleaned_data["answer"],
                user=self.request.user,
            )
        except services.WholesaleError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(self.request, _("The quote was sent to the buyer."))
        return redirect("dashboard:wholesale-quote-list")
