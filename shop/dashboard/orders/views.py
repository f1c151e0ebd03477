from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.translation import gettext
from oscar.apps.dashboard.orders.views import *  # noqa: F403
from oscar.apps.dashboard.orders.views import LineDetailView as CoreLineDetailView
from oscar.apps.dashboard.orders.views import OrderDetailView as CoreOrderDetailView
from oscar.apps.dashboard.orders.views import OrderListView as CoreOrderListView

from shop.banktransfer import services as bank_transfer
from shop.notifications.dashboard import OrderShippingActions

from .forms import MarkTransferPaidForm

# The card payments app's dashboard actions (refund), shown when that app provides them.
PAYMENT_ACTIONS_TEMPLATE = "payments/dashboard/order_actions.html"


class ProducerScopedMixin:
    """Producers (non-staff partner users) get the workspace's view of the same URL.

    Oscar shows a partner user every line, payment, note and event of an order holding one of
    its lines; a producer sees its own lines and the delivery address only.
    """

    producer_view_name = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_staff:
            from shop.workspace import dashboard as workspace

            view = getattr(workspace, self.producer_view_name).as_view()
            return view(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)


class OrderListView(ProducerScopedMixin, CoreOrderListView):
    producer_view_name = "ProducerOrderListView"


class LineDetailView(ProducerScopedMixin, CoreLineDetailView):
    producer_view_name = "ProducerLineDetailView"


class OrderDetailView(ProducerScopedMixin, OrderShippingActions, CoreOrderDetailView):
    producer_view_name = "ProducerOrderDetailView"

    template_name = "oscar/dashboard/orders/order_detail_ocop.html"
    order_actions = (
        CoreOrderDetailView.order_actions
        + ("mark_bank_transfer_paid",)
        + OrderShippingActions.shipping_order_actions
    )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        order = self.object
        ctx["is_bank_transfer"] = bank_transfer.is_bank_transfer(order)
        ctx["awaiting_bank_transfer"] = ctx["is_bank_transfer"] and (
            order.status == bank_transfer.PENDING_STATUS
        )
        if ctx["awaiting_bank_transfer"] and self.request.user.is_staff:
            ctx["mark_paid_form"] = kwargs.get("mark_paid_form") or MarkTransferPaidForm(
                initial={"amount": int(bank_transfer.whole_dong(order.total_incl_tax))}
            )
            ctx["bank_transfer_deadline"] = bank_transfer.deadline(order)
        ctx["payment_actions_template"] = self.payment_actions_template()
        if self.request.user.is_staff:
            ctx.update(self.shipping_context(order))
        from shop.workspace.models import Shipment

        ctx["producer_shipments"] = list(
            Shipment.objects.filter(order=order)
            .select_related("partner")
            .prefetch_related("lines", "components")
        )
        return ctx

    @staticmethod
    def payment_actions_template():
        try:
            get_template(PAYMENT_ACTIONS_TEMPLATE)
        except TemplateDoesNotExist:
            return None
        return PAYMENT_ACTIONS_TEMPLATE

    def mark_bank_transfer_paid(self, request, order):
        if not request.user.is_staff:
            raise PermissionDenied
        form = MarkTransferPaidForm(request.POST)
        if not form.is_valid():
            errors = "; ".join(
                f"{form.fields[name].label}: {' '.join(errs)}" for name, errs in form.errors.items()
            )
            return self.reload_page(
                error=gettext("Not marked paid. %(errors)s") % {"errors": errors}
            )
        try:
            bank_transfer.mark_paid(
                order,
                amount=form.cleaned_data["amount"],
                reference=form.cleaned_data["reference"],
                user=request.user,
            )
        except bank_transfer.BankTransferError as exc:
            return self.reload_page(error=gettext("Not marked paid. %(errors)s") % {"errors": exc})
        messages.success(
            request,
            gettext("Order %(number)s is marked paid (bank reference %(reference)s).")
            % {"number": order.number, "reference": form.cleaned_data["reference"]},
        )
        return self.reload_page()
