"""Pages of business buyers: registration, account, price list, quick order and CSV, invoices,
re-order and quotes."""

from django import http
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import generic
from oscar.core.loading import get_model

from shop.core import csvfiles
from shop.core.ratelimit import limit_class

from . import services
from .forms import (
    AddBuyerForm,
    BusinessOrderForm,
    BusinessRegistrationForm,
    CsvUploadForm,
    QuickOrderForm,
    QuoteRequestForm,
    StoreForm,
)
from .invoice_pdf import render_invoice_pdf
from .models import Invoice, Quote, QuoteStatus

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")


class BuyerMixin(LoginRequiredMixin):
    """The signed-in user's business (any status) as ``self.business``."""

    require_verified = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.business = services.business_for(request.user)
        if self.business is None:
            return redirect("wholesale:register")
        if self.require_verified and not self.business.is_verified:
            messages.warning(
                request, _("Wholesale ordering opens once our staff have verified your business.")
            )
            return redirect("wholesale:account")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["business"] = self.business
        return ctx


@limit_class("business_register", keys=("ip", "user_or_ip"))
class RegisterView(LoginRequiredMixin, generic.FormView):
    template_name = "wholesale/register.html"
    form_class = BusinessRegistrationForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and services.business_for(request.user):
            return redirect("wholesale:account")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.register_business(self.request.user, **form.cleaned_data)
        except services.WholesaleError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Thank you: your business is registered. Our staff will verify it shortly."),
        )
        return redirect("wholesale:account")


class AccountView(BuyerMixin, generic.TemplateView):
    template_name = "wholesale/account.html"

    def get_context_data(self, **kwargs):
        from rest_framework.authtoken.models import Token

        ctx = super().get_context_data(**kwargs)
        business = self.business
        ctx["is_manager"] = self._is_manager()
        ctx["stores"] = business.stores.all()
        ctx["buyers"] = business.buyers.select_related("user")
        ctx["invoices"] = (
            Invoice.objects.filter(business_order__business=business)
            .select_related("business_order__order")
            .order_by("-number")[:50]
        )
        ctx["quotes"] = business.quotes.select_related("stockrecord__product")[:50]
        ctx["open_credit"] = services.open_credit(business)
        ctx["available_credit"] = services.available_credit(business)
        ctx["store_form"] = kwargs.get("store_form") or StoreForm()
        ctx["buyer_form"] = kwargs.get("buyer_form") or AddBuyerForm()
        ctx["token"] = Token.objects.filter(user=self.request.user).first()
        return ctx

    def _is_manager(self):
        return services.buyer_for(self.request.user).role == "admin"

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action == "token":
            from rest_framework.authtoken.models import Token

            if not self.business.is_verified:
                raise PermissionDenied
            Token.objects.filter(user=request.user).delete()
            Token.objects.create(user=request.user)
            messages.success(request, _("A new API token was created."))
            return redirect("wholesale:account")
        if not self._is_manager():
            raise PermissionDenied
        if action == "store":
            form = StoreForm(request.POST)
            if form.is_valid():
                form.instance.business = self.business
                form.save()
                messages.success(request, _("Store added."))
                return redirect("wholesale:account")
            return self.render_to_response(self.get_context_data(store_form=form))
        if action == "buyer":
            form = AddBuyerForm(request.POST)
            if form.is_valid():
                try:
                    services.add_buyer(self.business, form.cleaned_data["email"])
                except services.WholesaleError as exc:
                    form.add_error("email", str(exc))
                else:
                    messages.success(request, _("Buyer added."))
                    return redirect("wholesale:account")
            return self.render_to_response(self.get_context_data(buyer_form=form))
        return http.HttpResponseBadRequest(_("Unknown action."))


class PriceListView(BuyerMixin, generic.TemplateView):
    """Verified businesses' price list: tier prices, MOQ, case size, stock."""

    template_name = "wholesale/price_list.html"
    require_verified = True

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        records = (
            StockRecord.objects.filter(product__is_public=True)
            .select_related("product", "wholesale_terms")
            .prefetch_related("price_tiers")
            .order_by("product__title")
        )
        rows = []
        for record in records:
            record._wholesale_tiers = list(record.price_tiers.all())
            try:
                record._wholesale_terms = record.wholesale_terms
            except StockRecord.wholesale_terms.RelatedObjectDoesNotExist:
                record._wholesale_terms = None
            terms = record._wholesale_terms
            rows.append(
                {
                    "record": record,
                    "product": record.product,
                    "tiers": services.tier_rows(record),
                    "min_quantity": terms.min_quantity if terms else 1,
                    "case_size": terms.case_size if terms else 1,
                    "vat_rate": services.vat_rate(record),
                    "stock": record.net_stock_level,
                }
            )
        ctx["rows"] = rows
        return ctx


def _report_row_errors(request, errors):
    for row, message in errors:
        if row:
            messages.error(
                request, _("Row %(row)d: %(message)s") % {"row": row, "message": message}
            )
        else:
            messages.error(request, message)


class QuickOrderView(BuyerMixin, generic.TemplateView):
    """Many SKUs and quantities at once, typed or as a CSV file: all rows valid or nothing added."""

    template_name = "wholesale/quick_order.html"
    require_verified = True

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("form", QuickOrderForm())
        ctx.setdefault("csv_form", CsvUploadForm())
        ctx.setdefault("row_errors", [])
        return ctx

    def post(self, request, *args, **kwargs):
        if "file" in request.FILES or request.POST.get("action") == "csv":
            form = CsvUploadForm(request.POST, request.FILES)
            context = {"csv_form": form}
        else:
            form = QuickOrderForm(request.POST)
            context = {"form": form}
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(**context), status=400)
        rows = form.cleaned_data["file" if isinstance(form, CsvUploadForm) else "rows"]
        with transaction.atomic():
            errors = services.add_rows_to_basket(request.basket, rows)
        if errors:
            context["row_errors"] = errors
            messages.error(
                request,
                _("Nothing was added to your basket: correct the rows below and try again."),
            )
            return self.render_to_response(self.get_context_data(**context), status=400)
        messages.success(
            request,
            _("%(count)d products were added to your basket.") % {"count": len(rows)},
        )
        return redirect("basket:summary")


def csv_template(request):
    response = http.HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="don-hang-si.csv"'
    response.write("\ufeff")
    writer = csvfiles.writer(response)
    writer.writerow(["sku", "quantity"])
    business = services.verified_business_for(request.user)
    if business is not None:
        for record in StockRecord.objects.filter(product__is_public=True).order_by("partner_sku")[
            :3
        ]:
            terms = services.terms_for(record)
            writer.writerow([record.partner_sku, terms.min_quantity if terms else 1])
    return response


class InvoicePdfView(LoginRequiredMixin, generic.View):
    """The VAT invoice PDF, for the business's buyers and for staff."""

    def get(self, request, number):
        invoice = get_object_or_404(
            Invoice.objects.select_related("business_order__business", "business_order__order"),
            number=number,
        )
        if not request.user.is_staff:
            business = services.business_for(request.user)
            if business is None or business.pk != invoice.business_order.business_id:
                raise http.Http404
        pdf = render_invoice_pdf(invoice)
        response = http.HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="hoa-don-{invoice.display_number}.pdf"'
        )
        return response


class ReorderView(LoginRequiredMixin, generic.View):
    """Put a past order back in the basket in one step; the changes are shown on the basket."""

    def post(self, request, number):
        order = get_object_or_404(Order, number=number, user=request.user)
        with transaction.atomic():
            changes = services.reorder(order, request.basket)
        if changes:
            messages.warning(request, _("Some things changed since this order:"))
            for change in changes:
                messages.warning(request, change, extra_tags="reorder-change")
        else:
            messages.success(request, _("Your past order is in the basket again, unchanged."))
        return redirect("basket:summary")


@limit_class("quote", keys=("ip", "user_or_ip"))
class QuoteRequestView(BuyerMixin, generic.FormView):
    template_name = "wholesale/quote_request.html"
    form_class = QuoteRequestForm
    require_verified = True

    def get_initial(self):
        return {"sku": self.request.GET.get("sku", "")}

    def form_valid(self, form):
        try:
            services.request_quote(
                self.business,
                self.request.user,
                sku=form.cleaned_data["sku"],
                quantity=form.cleaned_data["quantity"],
                message=form.cleaned_data["message"],
            )
        except services.WholesaleError as exc:
            form.add_error("sku", str(exc))
            return self.form_invalid(form)
        messages.success(self.request, _("Your request for quotation was sent."))
        return redirect("wholesale:account")


class QuoteAcceptView(BuyerMixin, generic.FormView):
    template_name = "wholesale/quote_accept.html"
    form_class = BusinessOrderForm
    require_verified = True

    def get_quote(self):
        return get_object_or_404(
            Quote.objects.select_related("stockrecord__product"),
            pk=self.kwargs["pk"],
            business=self.business,
            status=QuoteStatus.ANSWERED,
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["business"] = self.business
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["quote"] = self.get_quote()
        return ctx

    def form_valid(self, form):
        quote = self.get_quote()
        try:
            order = services.accept_quote(
                quote,
                self.request.user,
                po_number=form.cleaned_data["po_number"],
                delivery_date=form.cleaned_data["delivery_date"],
                store=form.cleaned_data["store"],
            )
        except services.OrderRejected as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Quote accepted: order %(number)s was placed at the quoted price.")
            % {"number": order.number},
        )
        return redirect(reverse("customer:order", kwargs={"order_number": order.number}))
