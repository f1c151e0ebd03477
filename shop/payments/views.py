import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model

from . import services, webhooks
from .gateway import PaymentError
from .models import CardPayment

logger = logging.getLogger(__name__)

PAID_STATUSES = {"paid", "processing", "shipped", "delivered"}


def _buyers_order(request, number, token):
    """The order, for whoever the checkout sent here (token) and, if it has one, its owner."""
    Order = get_model("order", "Order")
    order = get_object_or_404(Order, number=number)
    if not constant_time_compare(token, services.order_token(order)):
        raise Http404
    if order.user_id and request.user.pk != order.user_id:
        raise Http404
    return order


@never_cache
def card_payment(request, number, token):
    order = _buyers_order(request, number, token)
    if not services.card_payments_enabled():
        raise Http404
    if order.status != services.PENDING_STATUS:
        return redirect(services.card_return_url(order))
    try:
        started = services.start_card_payment(order)
    except PaymentError as exc:
        logger.warning("Card payment for %s could not start: %s", order.number, exc)
        return render(
            request,
            "payments/card_result.html",
            {"order": order, "outcome": "unavailable"},
            status=502,
        )
    return render(
        request,
        "payments/card_payment.html",
        {
            "order": order,
            "stripe_js_url": settings.STRIPE_JS_URL,
            "publishable_key": started["publishable_key"],
            "client_secret": started["client_secret"],
            "return_url": request.build_absolute_uri(services.card_return_url(order)),
        },
    )


@never_cache
def card_return(request, number, token):
    """Where Stripe.js sends the buyer back: check the intent on the server and say how it went."""
    order = _buyers_order(request, number, token)
    intent_id = request.GET.get("payment_intent", "")
    payment = None
    if intent_id:
        payment = CardPayment.objects.filter(intent_id=intent_id, order_number=order.number).first()
        if payment is None:
            raise Http404
    else:
        payment = services.latest_payment(order)
    error = ""
    if payment is not None and order.status == services.PENDING_STATUS:
        try:
            services.settle(order, payment.intent_id)
        except PaymentError as exc:
            error = str(exc)
        order.refresh_from_db()
        payment.refresh_from_db()
    if order.status in PAID_STATUSES:
        outcome = "paid"
    elif payment is not None and payment.status == CardPayment.Status.REQUIRES_ACTION:
        outcome = "requires_action"
    elif order.status == services.CANCELLED_STATUS:
        outcome = "cancelled"
    else:
        outcome = "pending"
    return render(
        request,
        "payments/card_result.html",
        {
            "order": order,
            "payment": payment,
            "outcome": outcome,
            "error": error or (payment.last_error if payment else ""),
            "pay_url": services.card_payment_url(order),
        },
    )


@csrf_exempt
@require_POST
def stripe_webhook(request):
    try:
        event = webhooks.verify(request.body, request.headers.get("Stripe-Signature"))
    except webhooks.InvalidWebhook as exc:
        logger.warning("Refused a Stripe webhook: %s", exc)
        return HttpResponseBadRequest("invalid signature")
    try:
        result = webhooks.process(event)
    except Exception:
        # Kept with its error; Stripe delivers it again and a periodic task retries it.
        logger.exception("Stripe event %s could not be handled", event["id"])
        return HttpResponse("error", status=500, content_type="text/plain")
    return HttpResponse("duplicate" if result is None else "ok", content_type="text/plain")


@staff_member_required
@require_POST
def staff_refund(request, number):
    if not request.user.has_perm("order.change_order"):
        raise PermissionDenied
    Order = get_model("order", "Order")
    order = get_object_or_404(Order, number=number)
    raw = request.POST.get("amount", "").strip().replace(".", "").replace(",", "")
    amount = None
    if raw:
        if not raw.isdigit() or int(raw) <= 0:
            messages.error(request, _("Enter the amount to refund in whole dong."))
            return redirect("dashboard:order-detail", number=order.number)
        amount = int(raw)
    try:
        result = services.refund(order, amount=amount, user=request.user)
    except PaymentError as exc:
        messages.error(request, _("The refund failed: %(error)s") % {"error": exc})
    else:
        values = {"amount": f"{result['amount']:,}".replace(",", "."), "reference": result["id"]}
        if result.get("status") == "succeeded":
            messages.success(
                request,
                _("Refunded %(amount)s ₫ to the card (Stripe refund %(reference)s).") % values,
            )
        elif result.get("status") in ("failed", "canceled"):
            messages.error(
                request,
                _(
                    "Stripe refused the refund of %(amount)s ₫ (%(reference)s): nothing was returned."
                )
                % values,
            )
        else:
            messages.warning(
                request,
                _(
                    "Refund of %(amount)s ₫ requested (Stripe refund %(reference)s): pending "
                    "until Stripe confirms it."
                )
                % values,
            )
    return redirect("dashboard:order-detail", number=order.number)
