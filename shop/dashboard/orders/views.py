from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.translation import gettext
from oscar.apps.dashboard.orders.views import *  # noqa: F403
from oscar.apps.dashboard.orders.views import LineDetailView as CoreLineDetailView
from oscar.apps.dashboard.orders.views import OrderDetailView as CoreOrderDetailView
from oscar.apps.dashboard.orders.views import OrderListView as CoreOrderListView
from oscar.apps.order import exceptions as order_exceptions
from oscar.apps.payment.exceptions import PaymentError

from shop.banktransfer import services as bank_transfer
from shop.core.csvfiles import SafeUnicodeCSVWriter
from shop.notifications.dashboard import OrderShippingActions

from .forms import MarkTransferPaidForm

# Line statuses only the whole-order actions set: shipping (the producer's workspace or
# "Mark shipped"), delivery and cancellation move the stock and tell the customer.
ORDER_ACTION_LINE_STATUSES = ("shipped", "delivered", "cancelled")

# The card payments app's dashboard actions (refund), shown when that app provides them.
PAYMENT_ACTIONS_TEMPLATE = "payments/dashboard/order_actions.html"


def status_change_message(old, new):
    """The order note and message of a staff status change, the statuses in words."""
    from shop.checkout.services import status_label

    return gettext("Order status changed from “%(old)s” to “%(new)s”.") % {
        "old": status_label(old),
        "new": status_label(new),
    }


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

    def download_selected_orders(self, request, orders):
        """Oscar's CSV of the selected orders, written with inert cells (shop.core.csvfiles)."""
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="{self.get_download_filename(request)}"'
        )
        writer = SafeUnicodeCSVWriter(open_file=response)
        writer.writerow(self.CSV_COLUMNS.values())
        for order in orders:
            row_values = self.get_row_values(order)
            writer.writerow([row_values.get(column, "") for column in self.CSV_COLUMNS])
        return response

    def change_order_status(self, request, order):
        """Oscar's bulk status change, one order at a time, in words; a refused change
        (a paid order not refunded, a shipped one) says why."""
        from shop.checkout.services import status_label

        new_status = request.POST.get("new_status", "").strip()
        if new_status not in order.available_statuses():
            messages.error(
                request,
                gettext("Order %(number)s cannot change to “%(status)s”.")
                % {"number": order.number, "status": status_label(new_status)},
            )
            return
        message = f"{order.number}: {status_change_message(order.status, new_status)}"
        try:
            self.get_handler(user=request.user).handle_order_status_change(
                order, new_status, note_msg=message
            )
        except (PaymentError, order_exceptions.InvalidOrderStatus) as exc:
            messages.error(request, f"{order.number}: {exc}")
        else:
            messages.info(request, message)


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
        from shop.checkout.services import status_label

        ctx["line_status_choices"] = [
            (code, status_label(code))
            for code in ctx.get("line_statuses", ())
            if code not in ORDER_ACTION_LINE_STATUSES
        ]
        if self.request.user.is_staff:
            ctx.update(self.shipping_context(order))
        from shop.workspace.models import Shipment

        ctx["producer_shipments"] = list(
            Shipment.objects.filter(order=order)
            .select_related("partner")
            .prefetch_related("lines", "components")
        )
        return ctx

    def change_line_statuses(self, request, order, lines, quantities):
        if request.POST.get("new_status", "").strip() in ORDER_ACTION_LINE_STATUSES:
            return self.reload_page(
                error=gettext(
                    "Lines are shipped by their producers or with the whole order (“Mark "
                    "shipped”), delivered and cancelled with the order: use those actions, "
                    "which move the stock and tell the customer."
                )
            )
        return super().change_line_statuses(request, order, lines, quantities)

    def change_order_status(self, request, order):
        """Oscar's status change, its messages naming the statuses in words."""
        form = self.get_order_status_form()
        if not form.is_valid():
            return self.reload_page(error=gettext("Invalid form submission"))
        new_status = form.cleaned_data["new_status"]
        success = status_change_message(order.status, new_status)
        try:
            self.get_handler(user=request.user).handle_order_status_change(
                order, new_status, note_msg=success
            )
        except PaymentError as exc:
            return self.reload_page(error=str(exc))
        except order_exceptions.InvalidOrderStatus:
            return self.reload_page(
                error=gettext("This status change is no longer possible for this order.")
            )
        messages.info(request, success)
        return self.reload_page()

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
