"""A local fake of the few Stripe endpoints the shop uses, in Stripe's wire format.

Requests are form-encoded with nested keys (``metadata[order_number]=…``), responses JSON
objects shaped like Stripe's; errors are ``{"error": {"type", "code", "message", "param"}}``
with Stripe's HTTP statuses, and ``Idempotency-Key`` replays the first response. Every request
made with the secret key is checked against Stripe's schema as the ``stripe`` library carries
it (``stripe_schema``): what Stripe refuses, the fake refuses (kept in ``refused``). Every
object it sends back, and every event, has the fields the library declares (``ShapeError``
otherwise, kept in ``shape_errors``). The real
``stripe`` library talks to it through ``StripeClient(base_addresses={"api": url})``.

It also serves a stand-in for Stripe.js at ``/v3/`` (Payment Element with a card-number
input, ``confirmPayment`` with a fake 3-D Secure page) and posts genuinely signed webhooks
(``stripe.WebhookSignature.generate_signature_header``) to ``webhook_url`` when one is set.
Every event it would send is kept in ``events``.

Test cards: 4242 4242 4242 4242 succeeds; 4000 0027 6000 3184 needs 3-D Secure;
4000 0000 0000 0002 is declined (card_declined). Refunds succeed at once unless
``next_refund_status`` says otherwise; ``set_refund_status`` moves a refund on (pending →
succeeded, failed, canceled) with Stripe's events.
"""

import queue
import re
import secrets
import threading
import time
from http.server import ThreadingHTTPServer
from urllib.parse import urlencode

from . import stripe_objects as objects
from .stripe_http import StripeFailure, WebhookDelivery, handler_class, parse_form
from .stripe_shapes import check_response

CARD_SUCCEEDS = "4242424242424242"
CARD_3DS = "4000002760003184"
CARD_DECLINED = "4000000000000002"

TEST_PAYMENT_METHODS = {
    "pm_card_visa": CARD_SUCCEEDS,
    "pm_card_authenticationRequired": CARD_3DS,
    "pm_card_chargeDeclined": CARD_DECLINED,
}
__all__ = ["FakeStripe", "StripeFailure", "parse_form", "start_fake_stripe"]


class FakeStripe(WebhookDelivery):
    """State of the fake: intents, refunds, idempotent replies, events."""

    def __init__(self, secret_key, publishable_key, webhook_secret):
        self.secret_key = secret_key
        self.publishable_key = publishable_key
        self.webhook_secret = webhook_secret
        self.webhook_url = None
        self.intents = {}
        self.refunds = {}
        self.idempotent = {}
        self.events = []
        self.requests = []
        self.refused = []  # requests refused by the schema check: (method, path, params, error)
        self.shape_errors = []  # objects of the fake that miss a field the library declares
        self.next_refund_status = "succeeded"
        self.lock = threading.RLock()
        self._deliveries = queue.Queue()
        self.delivered = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler_class(self))
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._threads = [
            threading.Thread(target=self.server.serve_forever, daemon=True),
            threading.Thread(target=self._deliver_forever, daemon=True),
        ]

    # --- lifecycle ---------------------------------------------------------------------
    def start(self):
        for thread in self._threads:
            thread.start()
        return self

    def stop(self):
        self._deliveries.put(None)
        self.server.shutdown()
        self.server.server_close()

    @property
    def js_url(self):
        return f"{self.url}/v3/"

    # --- events ------------------------------------------------------------------------
    def make_event(self, type_, obj):
        """An event as Stripe sends it (checked against ``stripe.Event`` when the fake
        emits it; tests may build odd ones on purpose)."""
        return objects.event(type_, obj)

    def emit(self, type_, obj):
        event = self.make_event(type_, obj)
        check_response(event)
        self.events.append(event)
        if self.webhook_url:
            self._deliveries.put(event)
        return event

    # --- API ---------------------------------------------------------------------------
    @staticmethod
    def _missing(kind, object_id, param):
        return StripeFailure(
            404,
            "invalid_request_error",
            f"No such {kind}: '{object_id}'",
            code="resource_missing",
            param=param,
        )

    def intent_for_client_secret(self, intent_id, client_secret):
        intent = self.intents.get(intent_id)
        if intent is None or intent["client_secret"] != client_secret:
            raise self._missing("payment_intent", intent_id, "intent")
        return intent

    def get_intent(self, intent_id):
        intent = self.intents.get(intent_id)
        if intent is None:
            raise self._missing("payment_intent", intent_id, "intent")
        return intent

    def create_intent(self, params):
        """Parameters already checked against Stripe's schema (types, enums, amount limits)."""
        intent = objects.payment_intent(
            amount=int(params["amount"]),
            currency=params["currency"].lower(),
            capture_method=params.get("capture_method", "automatic_async"),
            metadata=params.get("metadata") or {},
            description=params.get("description"),
            receipt_email=params.get("receipt_email"),
        )
        if params.get("automatic_payment_methods", {}).get("enabled") != "true":
            intent["automatic_payment_methods"] = None
        self.intents[intent["id"]] = intent
        self.emit("payment_intent.created", intent)
        return intent

    def intent_made_elsewhere(self, *, amount, currency="vnd", metadata=None, status="succeeded"):
        """An intent someone else created on the account (Stripe's dashboard, another
        integration), already authorised or paid: its events go out like any other."""
        intent = objects.payment_intent(
            amount=amount,
            currency=currency,
            capture_method="manual",
            metadata=metadata or {},
            description=None,
            receipt_email=None,
        )
        self.intents[intent["id"]] = intent
        intent["payment_method"] = objects.new_id("pm")
        if status == "requires_capture":
            self._authorised(intent)
        else:
            intent["latest_charge"] = objects.new_id("ch")
            self._succeed(intent, amount)
        return intent

    def _authorised(self, intent):
        if intent["capture_method"] == "manual":
            intent["status"] = "requires_capture"
            intent["amount_capturable"] = intent["amount"]
            intent["next_action"] = None
            self.emit("payment_intent.amount_capturable_updated", intent)
        else:
            self._succeed(intent, intent["amount"])

    def _succeed(self, intent, amount):
        intent["status"] = "succeeded"
        intent["amount_capturable"] = 0
        intent["amount_received"] = amount
        intent["latest_charge"] = intent["latest_charge"] or objects.new_id("ch")
        self.emit("charge.succeeded", self.charge_of(intent))
        self.emit("payment_intent.succeeded", intent)

    def charge_of(self, intent):
        refunds = [r for r in self.refunds.values() if r["payment_intent"] == intent["id"]]
        return objects.charge(intent, intent["amount_received"], refunds, self.url)

    def confirm(self, intent, params):
        if intent["status"] not in ("requires_payment_method", "requires_confirmation"):
            raise StripeFailure(
                400,
                "invalid_request_error",
                f"This PaymentIntent's status is {intent['status']} and cannot be confirmed.",
                code="payment_intent_unexpected_state",
                payment_intent=objects.public(intent),
            )
        card = params.get("payment_method_data", {}).get("card", {}).get("number", "")
        card = re.sub(r"\D", "", card) or TEST_PAYMENT_METHODS.get(params.get("payment_method"), "")
        if not card:
            raise StripeFailure(
                400,
                "invalid_request_error",
                "You must provide a payment method.",
                code="payment_intent_payment_attempt_failed",
            )
        intent["payment_method"] = objects.new_id("pm")
        intent["last_payment_error"] = None
        if card == CARD_DECLINED:
            error = {
                "type": "card_error",
                "code": "card_declined",
                "decline_code": "generic_decline",
                "message": "Your card was declined.",
            }
            intent["status"] = "requires_payment_method"
            intent["last_payment_error"] = error
            intent["payment_method"] = None
            self.emit("payment_intent.payment_failed", intent)
            raise StripeFailure(
                402,
                "card_error",
                error["message"],
                code="card_declined",
                decline_code="generic_decline",
                payment_intent=objects.public(intent),
            )
        if card == CARD_3DS:
            return_url = params.get("return_url", "")
            intent["status"] = "requires_action"
            intent["next_action"] = {
                "type": "redirect_to_url",
                "redirect_to_url": {
                    "url": f"{self.url}/3ds/{intent['id']}?{urlencode({'return_url': return_url})}",
                    "return_url": return_url,
                },
            }
            self.emit("payment_intent.requires_action", intent)
            return intent
        if card != CARD_SUCCEEDS:
            raise StripeFailure(
                402, "card_error", "Your card number is incorrect.", code="incorrect_number"
            )
        self._authorised(intent)
        return intent

    def authenticate(self, intent, approve):
        if intent["status"] != "requires_action":
            return intent
        if approve:
            self._authorised(intent)
        else:
            intent["status"] = "requires_payment_method"
            intent["next_action"] = None
            intent["last_payment_error"] = {
                "type": "card_error",
                "code": "payment_intent_authentication_failure",
                "message": "The 3-D Secure authentication failed.",
            }
            self.emit("payment_intent.payment_failed", intent)
        return intent

    def capture(self, intent, params):
        if intent["status"] != "requires_capture":
            raise StripeFailure(
                400,
                "invalid_request_error",
                f"This PaymentIntent could not be captured because it has a status of "
                f"{intent['status']}.",
                code="payment_intent_unexpected_state",
                payment_intent=objects.public(intent),
            )
        amount = int(params.get("amount_to_capture") or intent["amount_capturable"])
        if amount > intent["amount_capturable"]:
            raise StripeFailure(
                400,
                "invalid_request_error",
                "Amount to capture exceeds the capturable amount.",
                code="amount_too_large",
                param="amount_to_capture",
            )
        self._succeed(intent, amount)
        return intent

    def cancel(self, intent, params):
        if intent["status"] in ("succeeded", "canceled", "processing"):
            raise StripeFailure(
                400,
                "invalid_request_error",
                f"You cannot cancel this PaymentIntent because it has a status of "
                f"{intent['status']}.",
                code="payment_intent_unexpected_state",
                payment_intent=objects.public(intent),
            )
        intent["status"] = "canceled"
        intent["amount_capturable"] = 0
        intent["canceled_at"] = int(time.time())
        intent["cancellation_reason"] = params.get("cancellation_reason") or "requested_by_customer"
        intent["next_action"] = None
        self.emit("payment_intent.canceled", intent)
        return intent

    # --- refunds -------------------------------------------------------------------------
    def refunded_so_far(self, intent):
        """Refunds that return money or may still: failed and canceled ones do not count."""
        return sum(
            r["amount"]
            for r in self.refunds.values()
            if r["payment_intent"] == intent["id"] and r["status"] not in ("failed", "canceled")
        )

    def refund(self, params):
        intent = self.get_intent(params.get("payment_intent", ""))
        if intent["status"] != "succeeded":
            raise StripeFailure(
                400,
                "invalid_request_error",
                "This PaymentIntent does not have a successful charge to refund.",
                code="charge_not_refundable",
            )
        remaining = intent["amount_received"] - self.refunded_so_far(intent)
        if remaining <= 0:
            raise StripeFailure(
                400,
                "invalid_request_error",
                f"Charge {intent['latest_charge']} has already been refunded.",
                code="charge_already_refunded",
            )
        amount = int(params.get("amount") or remaining)
        if amount > remaining:
            raise StripeFailure(
                400,
                "invalid_request_error",
                f"Refund amount ({amount}) is greater than unrefunded amount on charge ({remaining})",
                code="amount_too_large",
                param="amount",
            )
        refund = objects.refund(
            intent,
            amount,
            status=self.next_refund_status,
            metadata=params.get("metadata") or {},
            reason=params.get("reason"),
        )
        self.refunds[refund["id"]] = refund
        self.emit("refund.created", refund)
        self.emit("charge.refunded", self.charge_of(intent))
        return refund

    def get_refund(self, refund_id):
        refund = self.refunds.get(refund_id)
        if refund is None:
            raise self._missing("refund", refund_id, "refund")
        return refund

    def list_refunds(self, params):
        found = [
            r
            for r in self.refunds.values()
            if not params.get("payment_intent") or r["payment_intent"] == params["payment_intent"]
        ]
        found.sort(key=lambda r: r["created"], reverse=True)
        return objects.list_of(found[: int(params.get("limit") or 10)], "/v1/refunds")

    def set_refund_status(self, refund_id, status, failure_reason=None):
        """Stripe moves a refund on (e.g. pending → succeeded, or a refund that fails at the
        bank): ``refund.updated`` and ``charge.refund.updated``, plus ``refund.failed``."""
        refund = self.get_refund(refund_id)
        previous = {"status": refund["status"]}
        refund["status"] = status
        refund["failure_reason"] = failure_reason if status == "failed" else None
        if status == "succeeded":
            refund["balance_transaction"] = refund["balance_transaction"] or objects.new_id("txn")
        self.emit("refund.updated", refund)
        self.events[-1]["data"]["previous_attributes"] = previous
        self.emit("charge.refund.updated", refund)
        if status == "failed":
            self.emit("refund.failed", refund)
        return refund


def start_fake_stripe(
    secret_key="sk_test_fake_ocop", publishable_key="pk_test_fake_ocop", webhook_secret=None
):
    return FakeStripe(
        secret_key, publishable_key, webhook_secret or f"whsec_{secrets.token_hex(16)}"
    ).start()
