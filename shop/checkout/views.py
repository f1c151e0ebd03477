from django import http
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from oscar.apps.checkout import views
from oscar.apps.checkout.exceptions import FailedPreCondition
from oscar.apps.payment.exceptions import UnableToTakePayment
from oscar.templatetags.currency_filters import currency

from shop.bundles.services import gift_for_someone_else
from shop.core.ratelimit import limit_class
from shop.payments.services import card_unavailable_reason
from shop.wholesale import checkout as wholesale_checkout
from shop.wholesale.services import CreditLimitExceeded

from . import services
from .forms import PaymentMethodForm


class IndexView(views.IndexView):
    def get_form_kwargs(self):
        # The sign-in form authenticates with the request, so sign-in lockout applies here too.
        return {**super().get_form_kwargs(), "request": self.request}


class ShippingAddressView(views.ShippingAddressView):
    """Province → district → commune selects; "Update lists" (or JS) refreshes the choices.

    Coming back to this step, the address kept in the session selects its units again by
    their codes (``VietnameseAddressFields``)."""

    def post(self, request, *args, **kwargs):
        if "refresh_units" in request.POST:
            initial = {k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
            form = self.get_form_class()(initial=initial)
            return self.render_to_response(self.get_context_data(form=form))
        return super().post(request, *args, **kwargs)


class PaymentMethodView(views.PaymentMethodView):
    """Step 3: card, cash on delivery or bank transfer."""

    template_name = "oscar/checkout/payment_method.html"

    def _order_total(self):
        return self.build_submission()["order_total"]

    def get_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        initial = {"method": self.checkout_session.payment_method()}
        return PaymentMethodForm(
            data,
            initial=initial,
            order_total=self._order_total().incl_tax,
            user=self.request.user,
            gift_for_someone_else=gift_for_someone_else(self.request),
        )

    def get_business_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        return wholesale_checkout.business_form(self.request, self.checkout_session, data)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["cod_limit"] = currency(services.cod_max_order_total())
        ctx["gift_for_someone_else"] = gift_for_someone_else(self.request)
        if "business_form" not in ctx:
            ctx["business_form"] = self.get_business_form()
        return ctx

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        business_form = self.get_business_form()
        valid = form.is_valid()
        if business_form is not None:
            valid = business_form.is_valid() and valid
        if not valid:
            return self.render_to_response(
                self.get_context_data(form=form, business_form=business_form)
            )
        if business_form is not None:
            wholesale_checkout.save_details(self.checkout_session, business_form)
        self.checkout_session.pay_by(form.cleaned_data["method"])
        return redirect("checkout:preview")


# Placing an order holds stock: one address may place at most RATE_LIMITS["place_order"].
@limit_class("place_order", keys=("ip",))
class PaymentDetailsView(views.PaymentDetailsView):
    """Preview and place the order; the payment itself happens after placement."""

    def get(self, request, *args, **kwargs):
        if not self.preview:
            return redirect("checkout:payment-method")
        return super().get(request, *args, **kwargs)

    def _nothing_to_pay(self):
        return self.build_submission()["order_total"].incl_tax <= 0

    def check_payment_data_is_captured(self, request):
        method = self.checkout_session.payment_method()
        if method is None and self._nothing_to_pay():
            return
        if method not in services.available_payment_methods(request.user):
            raise FailedPreCondition(
                url=reverse("checkout:payment-method"),
                message=_("Please choose how you want to pay."),
            )
        if method == services.METHOD_CARD:
            refusal = card_unavailable_reason(self.build_submission()["order_total"].incl_tax)
            if refusal:
                raise FailedPreCondition(url=reverse("checkout:payment-method"), message=refusal)
        if wholesale_checkout.business_form(request, self.checkout_session) is not None:
            if wholesale_checkout.details(request, self.checkout_session) is None:
                raise FailedPreCondition(
                    url=reverse("checkout:payment-method"),
                    message=wholesale_checkout.missing_details_message(),
                )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["payment_method"] = self.checkout_session.payment_method()
        ctx["business_order"] = wholesale_checkout.details(self.request, self.checkout_session)
        if ctx.get("basket") is not None and ctx.get("order_total") is not None:
            ctx["basket_hash"] = services.basket_fingerprint(ctx["basket"], ctx["order_total"])
        return ctx

    def handle_place_order_submission(self, request):
        """Refuse to place an order whose basket or totals changed since the preview
        (e.g. edited in another tab): show the preview again with the current figures."""
        submission = self.build_submission()
        expected = services.basket_fingerprint(submission["basket"], submission["order_total"])
        if request.POST.get("basket_hash") != expected:
            messages.warning(
                request,
                _(
                    "Your basket changed since this page was shown. Please check the "
                    "order and its total again before placing it."
                ),
            )
            return redirect("checkout:preview")
        return self.submit(**submission)

    def handle_payment(self, order_number, total, **kwargs):
        """No money moves before the order exists: record how it will be paid."""
        method = self.checkout_session.payment_method()
        if method is None and total.incl_tax <= 0:
            self._payment_method = None
            return
        if method not in services.available_payment_methods(self.request.user):
            raise UnableToTakePayment(_("Please choose how you want to pay."))
        if method == services.METHOD_CARD and card_unavailable_reason(total.incl_tax):
            raise UnableToTakePayment(card_unavailable_reason(total.incl_tax))
        if method == services.METHOD_COD and gift_for_someone_else(self.request):
            raise UnableToTakePayment(services.gift_cod_refusal())
        if method == services.METHOD_COD and not services.cod_allowed(total.incl_tax):
            raise UnableToTakePayment(
                _("Cash on delivery is not possible for this order total: choose another method.")
            )
        if method == services.METHOD_ON_ACCOUNT:
            try:
                wholesale_checkout.check_on_account(self.request, total.incl_tax)
            except CreditLimitExceeded as exc:
                raise UnableToTakePayment(str(exc)) from exc
        self._payment_method = method
        self.add_payment_source(services.payment_source(method, total))

    def get_initial_order_status(self, basket):
        return services.initial_status(getattr(self, "_payment_method", None))

    def render_payment_details(self, request, **kwargs):
        # Payment problems send the buyer back to the payment method step.
        if kwargs.get("error"):
            messages.error(request, kwargs["error"])
        return redirect("checkout:payment-method")

    def handle_successful_order(self, order):
        response = super().handle_successful_order(order)
        if getattr(self, "_payment_method", None) == services.METHOD_CARD:
            from shop.payments.services import card_payment_url

            return http.HttpResponseRedirect(card_payment_url(order))
        return response


class ThankYouView(views.ThankYouView):
    def get_context_data(self, *args, **kwargs):
        ctx = super().get_context_data(*args, **kwargs)
        order = ctx["order"]
        names = {s.source_type.name for s in order.sources.all()}
        ctx["is_cod"] = services.SOURCE_TYPE_NAMES[services.METHOD_COD] in names
        ctx["is_bank_transfer"] = services.SOURCE_TYPE_NAMES[services.METHOD_BANK_TRANSFER] in names
        return ctx
