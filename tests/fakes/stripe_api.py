"""A local fake of the few Stripe endpoints the shop uses, in Stripe's wire format.

Requests are form-encoded with nested keys (``metadata[order_number]=…``), responses JSON
objects shaped like Stripe's; errors are ``{"error": {"type", "code", "message"}}`` with
Stripe's HTTP statuses, and ``Idempotency-Key`` replays the first response. The real
``stripe`` library talks to it through ``StripeClient(base_addresses={"api": url})``.

It also serves a stand-in for Stripe.js at ``/v3/`` (Payment Element with a card-number
input, ``confirmPayment`` with a fake 3-D Secure page) and posts genuinely signed webhooks
(``stripe.WebhookSignature.generate_signature_header``) to ``webhook_url`` when one is set.
Every event it would send is kept in ``events``.

Test cards: 4242 4242 4242 4242 succeeds; 4000 0027 6000 3184 needs 3-D Secure;
4000 0000 0000 0002 is declined (card_declined).
"""

import copy
import html
import json
import queue
import re
import secrets
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

import stripe

CARD_SUCCEEDS = "4242424242424242"
CARD_3DS = "4000002760003184"
CARD_DECLINED = "4000000000000002"

TEST_PAYMENT_METHODS = {
    "pm_card_visa": CARD_SUCCEEDS,
    "pm_card_authenticationRequired": CARD_3DS,
    "pm_card_chargeDeclined": CARD_DECLINED,
}

ZERO_DECIMAL = {"vnd", "jpy", "krw"}


def parse_form(body):
    """Decode Stripe's form encoding (``a[b][c]=v``, ``a[0]=v``) into nested dicts."""
    result = {}
    for key, value in parse_qsl(body, keep_blank_values=True):
        parts = re.findall(r"[^\[\]]+", key)
        node = result
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return result


class StripeFailure(Exception):
    def __init__(self, status, type_, message, code=None, param=None, **extra):
        super().__init__(message)
        self.status = status
        self.body = {"error": {"type": type_, "message": message, **extra}}
        if code:
            self.body["error"]["code"] = code
        if param:
            self.body["error"]["param"] = param


class FakeStripe:
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
        self.lock = threading.RLock()
        self._deliveries = queue.Queue()
        self.delivered = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
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
        event = {
            "id": f"evt_{secrets.token_hex(12)}",
            "object": "event",
            "api_version": stripe.api_version,
            "created": int(time.time()),
            "livemode": False,
            "pending_webhooks": 1,
            "request": {"id": None, "idempotency_key": None},
            "type": type_,
            "data": {"object": copy.deepcopy(obj)},
        }
        return event

    def emit(self, type_, obj):
        event = self.make_event(type_, obj)
        self.events.append(event)
        if self.webhook_url:
            self._deliveries.put(event)
        return event

    def sign(self, payload, timestamp=None, secret=None):
        return stripe.WebhookSignature.generate_signature_header(
            payload, secret or self.webhook_secret, timestamp=timestamp
        )

    def signed(self, event, timestamp=None, secret=None):
        """(payload, Stripe-Signature header) for an event, as Stripe would send it."""
        payload = json.dumps(event)
        return payload, self.sign(payload, timestamp=timestamp, secret=secret)

    def events_of(self, type_):
        return [event for event in self.events if event["type"] == type_]

    def _deliver_forever(self):
        while True:
            event = self._deliveries.get()
            if event is None:
                return
            payload, header = self.signed(event)
            request = urllib.request.Request(
                self.webhook_url,
                data=payload.encode(),
                headers={"Content-Type": "application/json", "Stripe-Signature": header},
                method="POST",
            )
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    status = response.status
            except urllib.error.HTTPError as exc:
                status = exc.code
            except OSError as exc:
                status = str(exc)
            self.delivered.append((event["type"], status))

    def wait_for_deliveries(self, timeout=10):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self._deliveries.empty() and len(self.delivered) >= (
                len(self.events) if self.webhook_url else 0
            ):
                return True
            time.sleep(0.05)
        return False

    # --- API ---------------------------------------------------------------------------
    def intent_for_client_secret(self, intent_id, client_secret):
        intent = self.intents.get(intent_id)
        if intent is None or intent["client_secret"] != client_secret:
            raise StripeFailure(
                404,
                "invalid_request_error",
                f"No such payment_intent: '{intent_id}'",
                code="resource_missing",
            )
        return intent

    def get_intent(self, intent_id):
        intent = self.intents.get(intent_id)
        if intent is None:
            raise StripeFailure(
                404,
                "invalid_request_error",
                f"No such payment_intent: '{intent_id}'",
                code="resource_missing",
                param="intent",
            )
        return intent

    def create_intent(self, params):
        try:
            amount = int(params.get("amount", ""))
        except ValueError:
            raise StripeFailure(
                400, "invalid_request_error", "Invalid integer: amount", param="amount"
            ) from None
        currency = params.get("currency", "").lower()
        if not currency:
            raise StripeFailure(
                400,
                "invalid_request_error",
                "Missing required param: currency.",
                code="parameter_missing",
                param="currency",
            )
        if amount < (1 if currency in ZERO_DECIMAL else 50):
            raise StripeFailure(
                400,
                "invalid_request_error",
                "Amount must be at least the minimum.",
                code="amount_too_small",
                param="amount",
            )
        intent_id = f"pi_{secrets.token_hex(12)}"
        intent = {
            "id": intent_id,
            "object": "payment_intent",
            "amount": amount,
            "amount_capturable": 0,
            "amount_received": 0,
            "automatic_payment_methods": {
                "enabled": params.get("automatic_payment_methods", {}).get("enabled") == "true"
            },
            "canceled_at": None,
            "cancellation_reason": None,
            "capture_method": params.get("capture_method", "automatic_async"),
            "client_secret": f"{intent_id}_secret_{secrets.token_hex(12)}",
            "confirmation_method": "automatic",
            "created": int(time.time()),
            "currency": currency,
            "description": params.get("description"),
            "last_payment_error": None,
            "latest_charge": None,
            "livemode": False,
            "metadata": params.get("metadata", {}),
            "next_action": None,
            "payment_method": None,
            "payment_method_types": ["card"],
            "receipt_email": params.get("receipt_email"),
            "status": "requires_payment_method",
        }
        self.intents[intent_id] = intent
        self.emit("payment_intent.created", intent)
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
        intent["latest_charge"] = intent["latest_charge"] or f"ch_{secrets.token_hex(12)}"
        self.emit(
            "charge.succeeded",
            {
                "object": "charge",
                "id": intent["latest_charge"],
                "payment_intent": intent["id"],
                "amount": amount,
            },
        )
        self.emit("payment_intent.succeeded", intent)

    def confirm(self, intent, params):
        if intent["status"] not in ("requires_payment_method", "requires_confirmation"):
            raise StripeFailure(
                400,
                "invalid_request_error",
                f"This PaymentIntent's status is {intent['status']} and cannot be confirmed.",
                code="payment_intent_unexpected_state",
                payment_intent=intent,
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
        intent["payment_method"] = f"pm_{secrets.token_hex(12)}"
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
                payment_intent=copy.deepcopy(intent),
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
                payment_intent=copy.deepcopy(intent),
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
                payment_intent=copy.deepcopy(intent),
            )
        intent["status"] = "canceled"
        intent["amount_capturable"] = 0
        intent["canceled_at"] = int(time.time())
        intent["cancellation_reason"] = params.get("cancellation_reason") or "requested_by_customer"
        intent["next_action"] = None
        self.emit("payment_intent.canceled", intent)
        return intent

    def refund(self, params):
        intent = self.get_intent(params.get("payment_intent", ""))
        if intent["status"] != "succeeded":
            raise StripeFailure(
                400,
                "invalid_request_error",
                "This PaymentIntent does not have a successful charge to refund.",
                code="charge_not_refundable",
            )
        refunded = sum(
            r["amount"] for r in self.refunds.values() if r["payment_intent"] == intent["id"]
        )
        remaining = intent["amount_received"] - refunded
        if remaining <= 0:
            raise StripeFailure(
                400,
                "invalid_request_error",
                f"Charge {intent['latest_charge']} has already been refunded.",
                code="charge_already_refunded",
            )
        amount = int(params.get("amount") or remaining)
        if amount <= 0 or amount > remaining:
            raise StripeFailure(
                400,
                "invalid_request_error",
                f"Refund amount ({amount}) is greater than unrefunded amount on charge ({remaining})",
                code="amount_too_large",
                param="amount",
            )
        refund = {
            "id": f"re_{secrets.token_hex(12)}",
            "object": "refund",
            "amount": amount,
            "charge": intent["latest_charge"],
            "created": int(time.time()),
            "currency": intent["currency"],
            "metadata": params.get("metadata", {}),
            "payment_intent": intent["id"],
            "reason": params.get("reason"),
            "status": "succeeded",
        }
        self.refunds[refund["id"]] = refund
        self.emit(
            "charge.refunded",
            {
                "id": intent["latest_charge"],
                "object": "charge",
                "amount": intent["amount_received"],
                "amount_refunded": refunded + amount,
                "payment_intent": intent["id"],
                "refunded": refunded + amount >= intent["amount_received"],
            },
        )
        return refund

    def _handler_class(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _send(self, status, body, content_type="application/json", headers=()):
                data = body if isinstance(body, bytes) else body.encode()
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header("Request-Id", f"req_{secrets.token_hex(8)}")
                for name, value in headers:
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def _json(self, status, obj):
                self._send(status, json.dumps(obj))

            def do_OPTIONS(self):  # CORS preflight from the stand-in Stripe.js
                self.send_response(204)
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                self.send_header(
                    "Access-Control-Allow-Headers", "Authorization, Content-Type, Idempotency-Key"
                )
                self.send_header("Content-Length", "0")
                self.end_headers()

            def _key(self):
                auth = self.headers.get("Authorization", "")
                return auth[7:] if auth.startswith("Bearer ") else ""

            def do_GET(self):
                self._dispatch("GET", "")

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode() if length else ""
                self._dispatch("POST", body)

            def _dispatch(self, method, body):
                parts = urlsplit(self.path)
                path, query = parts.path, parts.query
                params = parse_form(body if method == "POST" else query)
                with fake.lock:
                    fake.requests.append((method, path, params, dict(self.headers)))
                    if path == "/v3/" or path == "/v3":
                        return self._send(200, stripe_js(fake), "application/javascript")
                    match = re.fullmatch(r"/3ds/(pi_\w+)", path)
                    if match:
                        return self._three_d_secure(method, match.group(1), query, params)
                    key = self._key()
                    if key == fake.secret_key:
                        secret_ok = True
                    elif key == fake.publishable_key:
                        secret_ok = False
                    else:
                        return self._json(
                            401,
                            {
                                "error": {
                                    "type": "invalid_request_error",
                                    "message": f"Invalid API Key provided: {key[:8]}***",
                                }
                            },
                        )
                    idem = self.headers.get("Idempotency-Key")
                    if method == "POST" and idem:
                        cached = fake.idempotent.get((key, idem))
                        if cached is not None:
                            if cached[0] != (path, body):
                                return self._json(
                                    400,
                                    {
                                        "error": {
                                            "type": "idempotency_error",
                                            "message": "Keys for idempotent requests can only be used "
                                            "with the same parameters they were first used with.",
                                        }
                                    },
                                )
                            return self._send(
                                cached[1], cached[2], headers=[("Idempotent-Replayed", "true")]
                            )
                    try:
                        status, obj = 200, self._route(method, path, params, secret_ok)
                    except StripeFailure as failure:
                        status, obj = failure.status, failure.body
                    reply = json.dumps(obj)
                    if method == "POST" and idem and status < 500:
                        fake.idempotent[(key, idem)] = ((path, body), status, reply)
                    return self._send(status, reply)

            def _route(self, method, path, params, secret_ok):
                if path == "/v1/payment_intents" and method == "POST" and secret_ok:
                    return fake.create_intent(params)
                if path == "/v1/refunds" and method == "POST" and secret_ok:
                    return fake.refund(params)
                match = re.fullmatch(r"/v1/payment_intents/(pi_\w+)(?:/(\w+))?", path)
                if match:
                    intent_id, action = match.groups()
                    if secret_ok:
                        intent = fake.get_intent(intent_id)
                    else:  # the publishable key works only with the client secret
                        intent = fake.intent_for_client_secret(
                            intent_id, params.get("client_secret")
                        )
                    if method == "GET" and action is None:
                        return intent
                    if method == "POST" and action == "confirm":
                        return fake.confirm(intent, params)
                    if method == "POST" and action == "capture" and secret_ok:
                        return fake.capture(intent, params)
                    if method == "POST" and action == "cancel" and secret_ok:
                        return fake.cancel(intent, params)
                raise StripeFailure(
                    404, "invalid_request_error", f"Unrecognized request URL ({method}: {path})."
                )

            def _three_d_secure(self, method, intent_id, query, params):
                intent = fake.intents.get(intent_id)
                if intent is None:
                    return self._send(404, "Unknown payment", "text/plain")
                return_url = dict(parse_qsl(query)).get("return_url", "")
                if method == "POST":
                    fake.authenticate(intent, params.get("action") == "approve")
                    sep = "&" if "?" in return_url else "?"
                    target = (
                        return_url
                        + sep
                        + urlencode(
                            {
                                "payment_intent": intent_id,
                                "payment_intent_client_secret": intent["client_secret"],
                                "redirect_status": "succeeded"
                                if intent["status"] == "requires_capture"
                                else "failed",
                            }
                        )
                    )
                    self.send_response(303)
                    self.send_header("Location", target)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return None
                amount = intent["amount"]
                page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>3D Secure test page</title></head><body>
<h1>3D Secure 2 test page</h1>
<p>Payment {html.escape(intent_id)}: {amount} {html.escape(intent["currency"].upper())}</p>
<form method="post" action="/3ds/{intent_id}?{html.escape(urlencode({"return_url": return_url}))}">
<button type="submit" name="action" value="approve" id="approve">Complete authentication</button>
<button type="submit" name="action" value="fail" id="fail">Fail authentication</button>
</form></body></html>"""
                return self._send(200, page, "text/html; charset=utf-8")

        return Handler


def stripe_js(fake):
    """The stand-in for Stripe.js v3: the subset the card payment page uses."""
    return STRIPE_JS.replace("__API__", json.dumps(fake.url))


STRIPE_JS = r"""
(function () {
  var API = __API__;
  function form(obj, prefix, out) {
    out = out || [];
    Object.keys(obj).forEach(function (k) {
      var key = prefix ? prefix + "[" + k + "]" : k, v = obj[k];
      if (v !== null && typeof v === "object") form(v, key, out);
      else if (v !== undefined) out.push(encodeURIComponent(key) + "=" + encodeURIComponent(v));
    });
    return out.join("&");
  }
  function Elements(stripe, options) {
    this._stripe = stripe;
    this._clientSecret = options.clientSecret;
    this._element = null;
  }
  Elements.prototype.create = function (type) {
    if (type !== "payment") throw new Error("Unsupported element: " + type);
    var element = {
      _input: null,
      mount: function (selector) {
        var host = typeof selector === "string" ? document.querySelector(selector) : selector;
        host.innerHTML =
          '<div class="fake-stripe-payment-element">' +
          '<label for="fake-card-number">Card number</label>' +
          '<input id="fake-card-number" name="cardnumber" autocomplete="cc-number" ' +
          'inputmode="numeric" placeholder="1234 1234 1234 1234" class="form-control">' +
          '<label for="fake-card-expiry">Expiry</label>' +
          '<input id="fake-card-expiry" name="exp-date" placeholder="MM / YY" value="12 / 34" class="form-control">' +
          '<label for="fake-card-cvc">CVC</label>' +
          '<input id="fake-card-cvc" name="cvc" placeholder="CVC" value="123" class="form-control">' +
          "</div>";
        this._input = host.querySelector("#fake-card-number");
        var self = this;
        setTimeout(function () { (self._handlers.ready || []).forEach(function (f) { f({}); }); }, 0);
      },
      _handlers: {},
      on: function (name, handler) {
        (this._handlers[name] = this._handlers[name] || []).push(handler);
      },
    };
    this._element = element;
    return element;
  };
  function Stripe(publishableKey) {
    if (!(this instanceof Stripe)) return new Stripe(publishableKey);
    this._key = publishableKey;
  }
  Stripe.prototype.elements = function (options) { return new Elements(this, options || {}); };
  Stripe.prototype.confirmPayment = function (options) {
    var elements = options.elements, params = options.confirmParams || {};
    var secret = elements._clientSecret, intentId = secret.split("_secret_")[0];
    var number = elements._element && elements._element._input ? elements._element._input.value : "";
    var body = form({
      client_secret: secret,
      return_url: params.return_url,
      payment_method_data: { type: "card", card: { number: number.replace(/\D/g, "") } },
    });
    return fetch(API + "/v1/payment_intents/" + intentId + "/confirm", {
      method: "POST",
      headers: {
        Authorization: "Bearer " + this._key,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: body,
    }).then(function (response) {
      return response.json().then(function (data) {
        if (data.error) return { error: data.error };
        if (data.status === "requires_action" && data.next_action) {
          window.location.assign(data.next_action.redirect_to_url.url);
          return new Promise(function () {});
        }
        var sep = params.return_url.indexOf("?") >= 0 ? "&" : "?";
        window.location.assign(params.return_url + sep + "payment_intent=" + data.id +
          "&payment_intent_client_secret=" + encodeURIComponent(secret) +
          "&redirect_status=succeeded");
        return new Promise(function () {});
      });
    }, function (err) {
      return { error: { type: "api_connection_error", message: String(err) } };
    });
  };
  window.Stripe = Stripe;
})();
"""


def start_fake_stripe(
    secret_key="sk_test_fake_ocop", publishable_key="pk_test_fake_ocop", webhook_secret=None
):
    return FakeStripe(
        secret_key, publishable_key, webhook_secret or f"whsec_{secrets.token_hex(16)}"
    ).start()
