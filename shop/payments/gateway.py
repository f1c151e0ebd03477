"""Stripe's API through the official library, with errors mapped to Oscar's payment exceptions.

VND is a zero-decimal currency: Stripe amounts are whole dong, exactly the order's total.
"""

import logging
from decimal import Decimal

import stripe
from django.conf import settings
from oscar.core.loading import get_class

PaymentError = get_class("payment.exceptions", "PaymentError")
UnableToTakePayment = get_class("payment.exceptions", "UnableToTakePayment")

logger = logging.getLogger(__name__)

CURRENCY = "vnd"


def to_stripe_amount(amount):
    """Whole dong as Stripe's integer amount; a fraction of a dong is refused."""
    value = Decimal(amount)
    if value != value.to_integral_value() or value <= 0:
        raise PaymentError(f"Invalid VND amount {amount!r}: whole dong above zero only")
    return int(value)


def intent_idempotency_key(order_number, attempt):
    return f"ocop-order-{order_number}-intent-{attempt}"


class StripeGateway:
    """Thin wrapper over ``stripe.StripeClient`` for the few PaymentIntent calls the shop makes."""

    def __init__(self, secret_key=None, api_base=None):
        self.secret_key = secret_key if secret_key is not None else settings.STRIPE_SECRET_KEY
        self.api_base = api_base if api_base is not None else settings.STRIPE_API_BASE
        if not self.secret_key:
            raise PaymentError("Card payments are not configured (STRIPE_SECRET_KEY is empty)")
        kwargs = {"max_network_retries": 2}
        if self.api_base:
            kwargs["base_addresses"] = {"api": self.api_base.rstrip("/")}
        self.client = stripe.StripeClient(self.secret_key, **kwargs)

    def _call(self, func, *args, **kwargs):
        try:
            return func(*args, **kwargs)
        except stripe.CardError as exc:
            raise UnableToTakePayment(exc.user_message or str(exc)) from exc
        except stripe.StripeError as exc:
            logger.warning("Stripe error %s: %s", exc.code, exc.user_message or exc)
            raise PaymentError(exc.user_message or str(exc)) from exc

    def create_intent(self, *, order_number, amount, attempt=1, email=""):
        params = {
            "amount": to_stripe_amount(amount),
            "currency": CURRENCY,
            "capture_method": "manual",
            "automatic_payment_methods": {"enabled": True},
            "metadata": {"order_number": str(order_number)},
            "description": f"OCOP order {order_number}",
        }
        if email:
            params["receipt_email"] = email
        return self._call(
            self.client.v1.payment_intents.create,
            params,
            {"idempotency_key": intent_idempotency_key(order_number, attempt)},
        )

    def retrieve(self, intent_id):
        return self._call(self.client.v1.payment_intents.retrieve, intent_id)

    def capture(self, intent_id, amount=None):
        params = {"amount_to_capture": to_stripe_amount(amount)} if amount is not None else {}
        return self._call(
            self.client.v1.payment_intents.capture,
            intent_id,
            params,
            {"idempotency_key": f"ocop-capture-{intent_id}"},
        )

    def cancel(self, intent_id, reason="abandoned"):
        return self._call(
            self.client.v1.payment_intents.cancel,
            intent_id,
            {"cancellation_reason": reason},
            {"idempotency_key": f"ocop-cancel-{intent_id}"},
        )

    def refund(self, intent_id, amount=None, *, idempotency_key):
        params = {"payment_intent": intent_id}
        if amount is not None:
            params["amount"] = to_stripe_amount(amount)
        return self._call(
            self.client.v1.refunds.create, params, {"idempotency_key": idempotency_key}
        )

    def retrieve_refund(self, refund_id):
        return self._call(self.client.v1.refunds.retrieve, refund_id)

    def list_refunds(self, intent_id):
        """Every refund of the intent (Stripe pages the list; all pages are read)."""
        page = self._call(self.client.v1.refunds.list, {"payment_intent": intent_id, "limit": 100})
        return list(page.auto_paging_iter())

    def confirm(self, intent_id, payment_method, return_url=None):
        """Confirm server-side with a saved payment method (the browser normally confirms)."""
        params = {"payment_method": payment_method}
        if return_url:
            params["return_url"] = return_url
        return self._call(self.client.v1.payment_intents.confirm, intent_id, params)
