"""Dashboard pages of the producer workspace, and staff review of producer applications.

Mounted by the forked dashboard app (``shop.dashboard``). Every page a producer reaches loads
its objects through the producer's own partners (``services.partners_of``): another
producer's object is not found (404).
"""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View, generic
from oscar.core.loading import get_model

from shop.bundles.models import OrderLineComponent
from shop.core.downloads import attachment_response
from shop.core.ratelimit import limit_class

from . import services
from .charts import sales_chart_svg
from .forms import (
    InvitationForm,
    RejectForm,
    SalesPeriodForm,
    ShipLinesForm,
    StockImportForm,
    StockRecordInlineForm,
)
from .images import DOCUMENT_TYPES
from .models import ApplicationDocument, Invitation, ProducerApplication, Shipment, StockImport

Order = get_model("order", "Order")
Line = get_model("order", "Line")
StockRecord = get_model("partner", "StockRecord")


class ProducerMixin:
    """The request user's producer partner, or 404 for anyone who acts for none."""

    def dispatch(self, request, *args, **kwargs):
        self.partner = services.partner_of(request.user)
        if self.partner is None:
            raise Http404(_("Your account does not act for a producer."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["partner"] = self.partner
        return ctx


# --- Home ----------------------------------------------------------------------------------


def workspace_summary(user):
    partners = services.partners_of(user)
    open_lines, open_components = services.open_lines_and_components(partners)
    today = timezone.localdate()
    start = today.replace(day=1)
    sales = services.sales_by_product(partners, start, today)
    return {
        "partner": services.partner_of(user),
        "products_count": StockRecord.objects.filter(partner__in=partners).count(),
        "orders_to_ship": Order.objects.filter(
            Q(pk__in=open_lines.values("order_id"))
            | Q(pk__in=open_components.values("line__order_id"))
        ).count(),
        "lines_to_ship": open_lines.count() + open_components.count(),
        "low_stock": list(services.low_stock(user)[:10]),
        "month_revenue": sum((row.revenue for row in sales), 0),
        "month_units": sum(row.units for row in sales),
        "recent_orders": producer_order_rows(
            user, services.orders_for(user).order_by("-date_placed")[:5]
        ),
    }


def producer_order_rows(user, orders):
    """Each order with the producer's own lines and gift bundle components only:
    (order, lines, components, units, total, statuses)."""
    partners = services.partners_of(user)
    orders = list(
        orders.prefetch_related(
            Prefetch(
                "lines",
                queryset=Line.objects.filter(partner__in=partners).order_by("pk"),
                to_attr="own_lines",
            )
        ).select_related("shipping_address")
    )
    components = defaultdict(list)
    for component in (
        OrderLineComponent.objects.filter(
            line__order__in=[order.pk for order in orders], partner__in=partners
        )
        .select_related("line")
        .order_by("line_id", "pk")
    ):
        components[component.line.order_id].append(component)
    rows = []
    for order in orders:
        own = components[order.pk]
        rows.append(
            {
                "order": order,
                "lines": order.own_lines,
                "components": own,
                "units": sum(line.quantity for line in order.own_lines)
                + sum(c.quantity for c in own),
                "total": sum((line.line_price_incl_tax for line in order.own_lines), 0)
                + sum((c.line_price or 0 for c in own), 0),
                "statuses": sorted(
                    {line.status for line in order.own_lines} | {c.effective_status for c in own}
                ),
            }
        )
    return rows


# --- Orders --------------------------------------------------------------------------------


class ProducerOrderListView(ProducerMixin, generic.TemplateView):
    """Orders holding the producer's lines; for each, its own lines only."""

    template_name = "workspace/dashboard/order_list.html"
    paginate_by = 20

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        orders = services.orders_for(self.request.user).order_by("-date_placed", "-pk")
        status = self.request.GET.get("status", "")
        if status == "to_ship":
            open_lines, open_components = services.open_lines_and_components(
                services.partners_of(self.request.user)
            )
            orders = orders.filter(
                Q(pk__in=open_lines.values("order_id"))
                | Q(pk__in=open_components.values("line__order_id"))
            )
        ctx["status"] = status
        number = self.request.GET.get("order_number", "").strip()
        if number:
            orders = orders.filter(number__icontains=number[:40])
        page = Paginator(orders.values_list("pk", flat=True), self.paginate_by).get_page(
            self.request.GET.get("page")
        )
        ctx["page_obj"] = page
        ctx["rows"] = producer_order_rows(
            self.request.user,
            Order.objects.filter(pk__in=list(page)).order_by("-date_placed", "-pk"),
        )
        ctx["order_number"] = number
        return ctx


class ProducerOrderDetailView(ProducerMixin, generic.TemplateView):
    """One order as a producer sees it: own lines, the delivery address, own shipments."""

    template_name = "workspace/dashboard/order_detail.html"

    def get_order(self):
        return get_object_or_404(
            services.orders_for(self.request.user), number=self.kwargs["number"]
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        order = self.get_order()
        partners = services.partners_of(self.request.user)
        ctx["order"] = order
        ctx["lines"] = list(services.own_lines(order, self.request.user).order_by("pk"))
        ctx["components"] = list(services.own_components(order, self.request.user))
        ctx["own_total"] = sum((line.line_price_incl_tax for line in ctx["lines"]), 0) + sum(
            (c.line_price or 0 for c in ctx["components"]), 0
        )
        ctx["shipping_address"] = order.shipping_address
        ctx["gift_options"] = getattr(order, "gift_options", None)
        ctx["shipments"] = list(
            Shipment.objects.filter(order=order, partner__in=partners).prefetch_related(
                "lines", "components"
            )
        )
        ctx["can_ship"] = order.status in services.SHIPPABLE_ORDER_STATUSES and (
            any(line.status not in services.CLOSED_LINE_STATUSES for line in ctx["lines"])
            or any(not c.is_closed for c in ctx["components"])
        )
        ctx["ship_form"] = kwargs.get("ship_form") or ShipLinesForm()
        return ctx

    def post(self, request, *args, **kwargs):
        order = self.get_order()
        action = request.POST.get("action")
        if action not in ("packed", "shipped"):
            # Oscar's order and line actions (status, notes, payments) are staff business.
            raise PermissionDenied
        ids = set(request.POST.getlist("line"))
        component_ids = set(request.POST.getlist("component"))
        lines = list(
            services.own_lines(order, request.user).filter(pk__in=[i for i in ids if i.isdigit()])
        )
        components = list(
            services.own_components(order, request.user).filter(
                pk__in=[i for i in component_ids if i.isdigit()]
            )
        )
        url = reverse("dashboard:order-detail", kwargs={"number": order.number})
        if (
            not (ids or component_ids)
            or len(lines) != len(ids)
            or len(components) != len(component_ids)
        ):
            messages.error(request, _("Select lines of your own to act on."))
            return HttpResponseRedirect(url)
        form = ShipLinesForm(request.POST)
        form.is_valid()
        try:
            if action == "packed":
                services.mark_lines_packed(
                    order, self.partner, lines, user=request.user, components=components
                )
                messages.success(request, _("The lines are marked packed."))
            else:
                shipment = services.mark_lines_shipped(
                    order,
                    self.partner,
                    lines,
                    carrier=form.cleaned_data.get("carrier", ""),
                    tracking_number=form.cleaned_data.get("tracking_number", ""),
                    user=request.user,
                    components=components,
                )
                messages.success(
                    request,
                    _("The lines are marked shipped (%(carrier)s, tracking number %(number)s).")
                    % {"carrier": shipment.carrier, "number": shipment.tracking_number},
                )
        except services.WorkspaceError as exc:
            messages.error(request, str(exc))
        return HttpResponseRedirect(url)


class ProducerLineDetailView(ProducerMixin, generic.TemplateView):
    template_name = "workspace/dashboard/line_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        order = get_object_or_404(
            services.orders_for(self.request.user), number=self.kwargs["number"]
        )
        line = get_object_or_404(
            services.own_lines(order, self.request.user), pk=self.kwargs["line_id"]
        )
        ctx.update(order=order, line=line, shipments=list(line.shipments.all()))
        return ctx


# --- Stock ---------------------------------------------------------------------------------


class StockListView(ProducerMixin, generic.TemplateView):
    template_name = "workspace/dashboard/stock_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        records = services.stockrecords_of(self.request.user).order_by("product__title", "pk")
        query = self.request.GET.get("q", "").strip()
        if query:
            records = records.filter(
                Q(product__title__icontains=query) | Q(partner_sku__icontains=query)
            )
        if self.request.GET.get("low"):
            records = records.filter(pk__in=services.low_stock(self.request.user).values("pk"))
        page = Paginator(records, 50).get_page(self.request.GET.get("page"))
        invalid = kwargs.get("invalid_form")
        ctx["page_obj"] = page
        ctx["rows"] = [
            (
                record,
                invalid
                if invalid is not None and invalid.instance.pk == record.pk
                else StockRecordInlineForm(instance=record, prefix=f"sr{record.pk}"),
            )
            for record in page
        ]
        ctx["query"] = query
        ctx["imports"] = StockImport.objects.filter(partner=self.partner)[:5]
        return ctx


class StockUpdateView(ProducerMixin, View):
    """Save one row of the stock list (stock, price, low-stock threshold)."""

    def post(self, request, pk):
        record = get_object_or_404(services.stockrecords_of(request.user), pk=pk)
        form = StockRecordInlineForm(request.POST, instance=record, prefix=f"sr{record.pk}")
        if form.is_valid():
            form.save()
            if request.headers.get("x-requested-with") == "XMLHttpRequest":
                return JsonResponse({"ok": True, "net_stock_level": record.net_stock_level})
            messages.success(
                request, _("Stock of “%(title)s” saved.") % {"title": record.product.get_title()}
            )
            return redirect(f"{reverse('dashboard:workspace-stock')}#sr-{record.pk}")
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            return JsonResponse({"ok": False, "errors": form.errors}, status=400)
        messages.error(request, _("Not saved: please correct the errors below."))
        view = StockListView()
        view.setup(request)
        view.partner = self.partner
        return render(
            request, view.template_name, view.get_context_data(invalid_form=form), status=400
        )


class StockTemplateView(ProducerMixin, View):
    def get(self, request):
        response = HttpResponse(
            services.csv_template(request.user), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="stock-prices.csv"'
        return response


class StockImportView(ProducerMixin, generic.FormView):
    template_name = "workspace/dashboard/stock_import.html"
    form_class = StockImportForm

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["imports"] = StockImport.objects.filter(partner=self.partner)[:10]
        ctx["columns"] = services.CSV_COLUMNS
        ctx["max_rows"] = services.CSV_MAX_ROWS
        return ctx

    def form_valid(self, form):
        try:
            stock_import = services.start_stock_import(
                self.partner, self.request.user, form.cleaned_data["file"]
            )
        except services.WorkspaceError as exc:
            form.add_error("file", str(exc))
            return self.form_invalid(form)
        return redirect("dashboard:workspace-stock-import-detail", pk=stock_import.pk)


class StockImportDetailView(ProducerMixin, generic.DetailView):
    template_name = "workspace/dashboard/stock_import_detail.html"
    context_object_name = "stock_import"

    def get_queryset(self):
        return StockImport.objects.filter(partner__in=services.partners_of(self.request.user))

    def render_to_response(self, context, **kwargs):
        if self.request.GET.get("format") == "json":
            item = self.object
            return JsonResponse(
                {
                    "status": item.status,
                    "status_display": item.get_status_display(),
                    "percent": item.percent,
                    "total_rows": item.total_rows,
                    "processed_rows": item.processed_rows,
                    "updated_rows": item.updated_rows,
                    "finished": item.is_finished,
                    "errors": len(item.errors or []),
                }
            )
        return super().render_to_response(context, **kwargs)


# --- Sales ---------------------------------------------------------------------------------


class SalesView(ProducerMixin, generic.TemplateView):
    template_name = "workspace/dashboard/sales.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        start, end = SalesPeriodForm.default_period()
        form = SalesPeriodForm(self.request.GET or None, initial={"start": start, "end": end})
        if form.is_bound and form.is_valid():
            start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        elif form.is_bound:
            form = form  # errors are shown; the default period is used
        rows = services.sales_by_product(services.partners_of(self.request.user), start, end)
        ctx.update(
            form=form,
            start=start,
            end=end,
            rows=rows,
            total_revenue=sum((row.revenue for row in rows), 0),
            total_units=sum(row.units for row in rows),
            chart=sales_chart_svg(rows) if rows else "",
        )
        return ctx


# --- Team ----------------------------------------------------------------------------------


@limit_class("invitation", keys=("ip", "user_or_ip"))
class TeamView(ProducerMixin, generic.FormView):
    template_name = "workspace/dashboard/team.html"
    form_class = InvitationForm

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["members"] = self.partner.users.order_by("email")
        ctx["invitations"] = Invitation.objects.filter(partner=self.partner)[:50]
        return ctx

    def form_valid(self, form):
        try:
            invitation = services.invite(
                self.partner, email=form.cleaned_data["email"], invited_by=self.request.user
            )
        except services.WorkspaceError as exc:
            form.add_error("email", str(exc))
            return self.form_invalid(form)
        messages.success(
            self.request, _("An invitation was sent to %(email)s.") % {"email": invitation.email}
        )
        return redirect("dashboard:workspace-team")


class InvitationWithdrawView(ProducerMixin, View):
    def post(self, request, pk):
        invitation = get_object_or_404(
            Invitation.objects.filter(partner__in=services.partners_of(request.user)), pk=pk
        )
        services.withdraw_invitation(invitation)
        messages.success(request, _("The invitation was withdrawn."))
        return redirect("dashboard:workspace-team")


class MemberRemoveView(ProducerMixin, View):
    def post(self, request, pk):
        member = get_object_or_404(self.partner.users.all(), pk=pk)
        try:
            services.remove_member(self.partner, member, by=request.user)
        except services.WorkspaceError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("%(email)s no longer works for the producer.") % {"email": member.email}
            )
        return redirect("dashboard:workspace-team")


# --- Staff: producer applications ----------------------------------------------------------


class ApplicationListView(generic.ListView):
    template_name = "workspace/dashboard/application_list.html"
    context_object_name = "applications"
    paginate_by = 50

    def get_queryset(self):
        queryset = (
            ProducerApplication.objects.select_related("applicant", "commune", "district")
            .annotate(document_count=Count("documents"))
            .order_by("-date_created", "-pk")
        )
        status = self.request.GET.get("status", "pending")
        if status in ProducerApplication.Status.values:
            queryset = queryset.filter(status=status)
        self.status = status
        return queryset

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["status"] = self.status
        ctx["statuses"] = ProducerApplication.Status.choices
        return ctx


class ApplicationDetailView(generic.DetailView):
    template_name = "workspace/dashboard/application_detail.html"
    context_object_name = "application"
    queryset = ProducerApplication.objects.select_related(
        "applicant", "province", "district", "commune", "producer", "reviewed_by"
    )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["reject_form"] = kwargs.get("reject_form") or RejectForm()
        ctx["documents"] = list(self.object.documents.all())
        return ctx

    def post(self, request, pk):
        self.object = application = self.get_object()
        action = request.POST.get("action")
        try:
            if action == "approve":
                services.approve_application(application, reviewer=request.user)
                messages.success(
                    request, _("The application was approved; the applicant was told.")
                )
            elif action == "reject":
                form = RejectForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(
                        self.get_context_data(reject_form=form), status=400
                    )
                services.reject_application(
                    application, reviewer=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(
                    request, _("The application was rejected; the applicant was told.")
                )
            else:
                messages.error(request, _("Unknown action."))
        except services.WorkspaceError as exc:
            messages.error(request, str(exc))
        return redirect("dashboard:producer-application-detail", pk=application.pk)


class ApplicationDocumentView(View):
    """A certificate scan of an application, to staff only, always as a download."""

    def get(self, request, pk):
        document = get_object_or_404(ApplicationDocument, pk=pk)
        content_type = document.content_type
        if content_type not in DOCUMENT_TYPES:
            content_type = "application/octet-stream"
        extension = DOCUMENT_TYPES.get(content_type, "bin")
        try:
            handle = document.file.open("rb")
        except FileNotFoundError:
            raise Http404(_("This file is no longer stored.")) from None
        return attachment_response(
            handle,
            content_type=content_type,
            filename=f"application-{document.application_id}-document-{document.pk}.{extension}",
        )
