"""Staff pages: the outbox (every message, its status and last error, with "resend"), and
the order dashboard's "mark shipped" / "mark delivered" actions. URLs are mounted by the
forked dashboard app (shop.dashboard)."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import generic
from oscar.core.loading import get_model

from . import services
from .models import OutboxMessage


class OutboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All"))] + list(OutboxMessage.Status.choices),
    )
    event = forms.ChoiceField(label=_("Event"), required=False)
    q = forms.CharField(label=_("Recipient or order number"), required=False, max_length=254)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].choices = [("", _("All"))] + [
            (code, code) for code in services.EVENT_TYPES
        ]


class OutboxListView(generic.ListView):
    template_name = "notifications/dashboard/outbox_list.html"
    context_object_name = "outbox_messages"
    paginate_by = 50

    def get_queryset(self):
        queryset = OutboxMessage.objects.select_related("order", "partner")
        self.form = OutboxFilterForm(self.request.GET or None)
        if self.form.is_valid():
            data = self.form.cleaned_data
            if data["status"]:
                queryset = queryset.filter(status=data["status"])
            if data["event"]:
                queryset = queryset.filter(event=data["event"])
            if data["q"]:
                term = data["q"].strip()
                queryset = queryset.filter(Q(recipient__icontains=term) | Q(order__number=term))
        return queryset

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["form"] = self.form
        ctx["failed_count"] = OutboxMessage.objects.filter(
            status=OutboxMessage.Status.FAILED
        ).count()
        return ctx


class OutboxResendView(generic.View):
    http_method_names = ["post"]

    def post(self, request, pk):
        message = get_object_or_404(OutboxMessage, pk=pk)
        if services.resend(message):
            messages.success(
                request,
                gettext("The message to %(recipient)s will be sent again.")
                % {"recipient": message.recipient},
            )
        else:
            messages.error(request, gettext("Only a failed or pending message can be sent again."))
        return redirect(request.POST.get("next") or "dashboard:notifications-outbox")


# --- Order dashboard: shipped / delivered -------------------------------------------------


class MarkShippedForm(forms.Form):
    carrier = forms.CharField(label=_("Carrier"), max_length=64)
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=64)

    def clean_tracking_number(self):
        value = self.cleaned_data["tracking_number"].strip()
        if not value:
            raise forms.ValidationError(_("Enter the tracking number."))
        return value


SHIPPABLE = ("paid", "processing")


def mark_order_shipped(order, *, carrier, tracking_number, user=None):
    """Staff shipped the whole order: status "shipped", a shipping event with the tracking
    number, and one message per producer's lines to the customer."""
    Order = get_model("order", "Order")
    ShippingEventType = get_model("order", "ShippingEventType")
    ShippingEvent = get_model("order", "ShippingEvent")
    OrderNote = get_model("order", "OrderNote")
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if order.status not in SHIPPABLE:
            raise ValueError(gettext("Only a paid or processing order can be marked shipped."))
        event_type, _created = ShippingEventType.objects.get_or_create(name="Shipped")
        lines = list(order.lines.all())
        from shop.checkout.services import consume_shipped, unsent_allocations

        consume_shipped(unsent_allocations(order))  # everything still here leaves now
        from shop.workspace.services import close_packed_parcels

        close_packed_parcels(order, carrier=carrier, tracking_number=tracking_number)
        event = ShippingEvent.objects.create(
            order=order, event_type=event_type, notes=f"{carrier} {tracking_number}"
        )
        for line in lines:
            event.line_quantities.create(line=line, quantity=line.quantity)
        order.set_status("shipped")
        OrderNote.objects.create(
            order=order,
            user=user,
            note_type="System",
            message=f"Shipped with {carrier}, tracking number {tracking_number}",
        )
        partners = {}
        for line in lines:
            partners.setdefault(line.partner_id, (line.partner, []))[1].append(line)
        for partner, partner_lines in partners.values():
            services.lines_shipped(order, partner, partner_lines, carrier, tracking_number)
    return order


def mark_order_delivered(order, *, user=None):
    Order = get_model("order", "Order")
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if order.status != "shipped":
            raise ValueError(gettext("Only a shipped order can be marked delivered."))
        order.set_status("delivered")  # the status signal records the customer's message
    return order


class OrderShippingActions:
    """Mixed into the dashboard's order page: ``mark_shipped`` and ``mark_delivered``."""

    shipping_order_actions = ("mark_shipped", "mark_delivered")

    def shipping_context(self, order, form=None):
        ctx = {"notifications_shipping_template": "notifications/dashboard/order_shipping.html"}
        if order.status in SHIPPABLE:
            ctx["mark_shipped_form"] = form or MarkShippedForm()
        ctx["can_mark_delivered"] = order.status == "shipped"
        return ctx

    def mark_shipped(self, request, order):
        form = MarkShippedForm(request.POST)
        if not form.is_valid():
            errors = "; ".join(
                f"{form.fields[name].label}: {' '.join(errs)}" for name, errs in form.errors.items()
            )
            return self.reload_page(
                error=gettext("Not marked shipped. %(errors)s") % {"errors": errors}
            )
        try:
            mark_order_shipped(order, user=request.user, **form.cleaned_data)
        except ValueError as exc:
            return self.reload_page(
                error=gettext("Not marked shipped. %(errors)s") % {"errors": exc}
            )
        messages.success(
            request,
            gettext("Order %(number)s is marked shipped (tracking number %(tracking)s).")
            % {"number": order.number, "tracking": form.cleaned_data["tracking_number"]},
        )
        return self.reload_page()

    def mark_delivered(self, request, order):
        try:
            mark_order_delivered(order, user=request.user)
        except ValueError as exc:
            return self.reload_page(
                error=gettext("Not marked delivered. %(errors)s") % {"errors": exc}
            )
        messages.success(
            request, gettext("Order %(number)s is marked delivered.") % {"number": order.number}
        )
        return self.reload_page()
