"""The fake Stripe's HTTP side: Stripe's wire format (form-encoded requests with nested keys,
JSON answers), API keys, ``Idempotency-Key`` replays, the schema check of every request made
with the secret key (``stripe_schema``), the shape check of every object sent back, and the
fake 3-D Secure page."""

import html
import json
import re
import secrets
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qsl, urlencode, urlsplit

import stripe

from .stripe_js import stripe_js
from .stripe_objects import public
from .stripe_schema import SchemaError, check_request
from .stripe_shapes import ShapeError, check_response


def parse_form(body):
    """Decode Stripe's form encoding (``a[b][c]=v``, ``a[0]=v``) into nested dicts."""
    result = {}
    for key, value in parse_qsl(body, keep_blank_values=True):
        parts = re.findall(r"[^\[\]]+", key)
        node = result
        for part in parts[:-1]:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):  # ``a=1&a[b]=2``: Stripe refuses it too
                raise SchemaError(f"Invalid object: {part}", param=part, code="parameter_invalid")
            node = child
        if parts:
            node[parts[-1]] = value
    return result


class WebhookDelivery:
    """Signed webhooks as Stripe sends them, posted to ``webhook_url`` in order."""

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


class StripeFailure(Exception):
    def __init__(self, status, type_, message, code=None, param=None, **extra):
        super().__init__(message)
        self.status = status
        self.body = {
            "error": {"type": type_, "code": code, "message": message, "param": param, **extra}
        }


def handler_class(fake):
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
            with fake.lock:
                try:
                    params = parse_form(body if method == "POST" else query)
                except SchemaError as exc:
                    return self._json(exc.status, exc.body)
                fake.requests.append((method, path, params, dict(self.headers)))
                if path in ("/v3/", "/v3"):
                    return self._send(200, stripe_js(fake), "application/javascript")
                match = re.fullmatch(r"/3ds/(pi_\w+)", path)
                if match:
                    return self._three_d_secure(method, match.group(1), query, params)
                key = self._key()
                if key not in (fake.secret_key, fake.publishable_key):
                    return self._json(
                        401,
                        StripeFailure(
                            401, "invalid_request_error", f"Invalid API Key provided: {key[:8]}***"
                        ).body,
                    )
                secret_ok = key == fake.secret_key
                idem = self.headers.get("Idempotency-Key")
                if method == "POST" and idem:
                    cached = fake.idempotent.get((key, idem))
                    if cached is not None:
                        if cached[0] != (path, body):
                            return self._json(
                                400,
                                StripeFailure(
                                    400,
                                    "idempotency_error",
                                    "Keys for idempotent requests can only be used with the "
                                    "same parameters they were first used with.",
                                ).body,
                            )
                        return self._send(
                            cached[1], cached[2], headers=[("Idempotent-Replayed", "true")]
                        )
                try:
                    if secret_ok:  # the shop's own calls (Stripe.js's are Stripe's business)
                        check_request(method, path, params)
                    obj = self._route(method, path, params, secret_ok)
                    status, obj = 200, public(obj)
                    check_response(obj)
                except SchemaError as failure:
                    fake.refused.append((method, path, params, failure.body["error"]))
                    status, obj = failure.status, failure.body
                except StripeFailure as failure:
                    status, obj = failure.status, failure.body
                except (ShapeError, Exception) as exc:  # a mistake of the fake: fail loudly
                    fake.shape_errors.append(f"{type(exc).__name__}: {exc}")
                    status, obj = 500, {"error": {"type": "api_error", "message": str(exc)}}
                reply = json.dumps(obj)
                if method == "POST" and idem and status < 500:
                    fake.idempotent[(key, idem)] = ((path, body), status, reply)
                return self._send(status, reply)

        def _route(self, method, path, params, secret_ok):
            if path == "/v1/payment_intents" and method == "POST" and secret_ok:
                return fake.create_intent(params)
            if path == "/v1/refunds" and secret_ok:
                if method == "POST":
                    return fake.refund(params)
                return fake.list_refunds(params)
            match = re.fullmatch(r"/v1/refunds/(re_\w+)", path)
            if match and method == "GET" and secret_ok:
                return fake.get_refund(match.group(1))
            match = re.fullmatch(r"/v1/payment_intents/(pi_\w+)(?:/(\w+))?", path)
            if match:
                intent_id, action = match.groups()
                if secret_ok:
                    intent = fake.get_intent(intent_id)
                else:  # the publishable key works only with the client secret
                    intent = fake.intent_for_client_secret(intent_id, params.get("client_secret"))
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
                outcome = "succeeded" if intent["status"] == "requires_capture" else "failed"
                target = (
                    return_url
                    + sep
                    + urlencode(
                        {
                            "payment_intent": intent_id,
                            "payment_intent_client_secret": intent["client_secret"],
                            "redirect_status": outcome,
                        }
                    )
                )
                self.send_response(303)
                self.send_header("Location", target)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            amount = intent["amount"]
            action = f"/3ds/{intent_id}?{html.escape(urlencode({'return_url': return_url}))}"
            page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>3D Secure test page</title></head><body>
<h1>3D Secure 2 test page</h1>
<p>Payment {html.escape(intent_id)}: {amount} {html.escape(intent["currency"].upper())}</p>
<form method="post" action="{action}">
<button type="submit" name="action" value="approve" id="approve">Complete authentication</button>
<button type="submit" name="action" value="fail" id="fail">Fail authentication</button>
</form></body></html>"""
            return self._send(200, page, "text/html; charset=utf-8")

    return Handler
