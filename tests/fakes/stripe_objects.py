"""The objects the fake Stripe sends, shaped like Stripe's published examples (fixtures3.json
of stripe/openapi): every field the ``stripe`` library's resource class declares is present,
null where Stripe would send null. ``complete`` adds the declared fields a builder leaves out
(as null), and ``stripe_schema.check_response`` checks the result."""

import secrets
import time

import stripe

from .stripe_schema import _alternatives
from .stripe_shapes import declared_fields


def new_id(prefix):
    return f"{prefix}_{secrets.token_hex(12)}"


def complete(obj, cls):
    """Every field ``cls`` declares: what ``obj`` has, else null (nested objects likewise)."""
    for name, annotation in declared_fields(cls).items():
        if name not in obj:
            obj[name] = None
            continue
        value = obj[name]
        if isinstance(value, dict):
            for option in _alternatives(annotation, cls):
                if (
                    isinstance(option, type)
                    and issubclass(option, stripe.StripeObject)
                    and option.__module__ == cls.__module__
                    and option.__qualname__.startswith(cls.__qualname__ + ".")
                ):
                    complete(value, option)
                    break
    return obj


def payment_intent(*, amount, currency, capture_method, metadata, description, receipt_email):
    intent_id = new_id("pi")
    return complete(
        {
            "id": intent_id,
            "object": "payment_intent",
            "amount": amount,
            "amount_capturable": 0,
            "amount_details": {"tip": {}},
            "amount_received": 0,
            "automatic_payment_methods": {"enabled": True, "allow_redirects": "always"},
            "capture_method": capture_method,
            "client_secret": f"{intent_id}_secret_{secrets.token_hex(12)}",
            "confirmation_method": "automatic",
            "created": int(time.time()),
            "currency": currency,
            "description": description,
            "livemode": False,
            "metadata": metadata,
            "payment_method_options": {},
            "payment_method_types": ["card"],
            "receipt_email": receipt_email,
            "status": "requires_payment_method",
        },
        stripe.PaymentIntent,
    )


def charge(intent, amount, refunds=(), fake_url=""):
    """The successful charge of ``intent`` (``amount`` captured), with its refunds."""
    refunded = sum(r["amount"] for r in refunds if r["status"] in ("succeeded", "pending"))
    return complete(
        {
            "id": intent["latest_charge"],
            "object": "charge",
            "amount": intent["amount"],
            "amount_captured": amount,
            "amount_refunded": refunded,
            "balance_transaction": intent.setdefault("_balance_transaction", new_id("txn")),
            "billing_details": {
                "address": {
                    "city": None,
                    "country": None,
                    "line1": None,
                    "line2": None,
                    "postal_code": None,
                    "state": None,
                },
                "email": intent.get("receipt_email"),
                "name": None,
                "phone": None,
                "tax_id": None,
            },
            "captured": True,
            "created": intent["created"],
            "currency": intent["currency"],
            "description": intent.get("description"),
            "disputed": False,
            "fraud_details": {},
            "livemode": False,
            "metadata": dict(intent.get("metadata") or {}),
            "outcome": {
                "advice_code": None,
                "network_advice_code": None,
                "network_decline_code": None,
                "network_status": "approved_by_network",
                "reason": None,
                "risk_level": "normal",
                "risk_score": 12,
                "seller_message": "Payment complete.",
                "type": "authorized",
            },
            "paid": True,
            "payment_intent": intent["id"],
            "payment_method": intent.get("payment_method"),
            "payment_method_details": {
                "card": {
                    "amount_authorized": intent["amount"],
                    "brand": "visa",
                    "checks": {
                        "address_line1_check": None,
                        "address_postal_code_check": None,
                        "cvc_check": "pass",
                    },
                    "country": "VN",
                    "exp_month": 12,
                    "exp_year": 2034,
                    "fingerprint": "fakeocopfingerprint",
                    "funding": "credit",
                    "last4": "4242",
                    "network": "visa",
                },
                "type": "card",
            },
            "receipt_email": intent.get("receipt_email"),
            "receipt_url": f"{fake_url}/receipts/{intent['latest_charge']}",
            "refunded": refunded >= amount,
            "refunds": {
                "object": "list",
                "data": [public(r) for r in refunds],
                "has_more": False,
                "total_count": len(refunds),
                "url": f"/v1/charges/{intent['latest_charge']}/refunds",
            },
            "status": "succeeded",
        },
        stripe.Charge,
    )


def refund(intent, amount, *, status, metadata, reason):
    return complete(
        {
            "id": new_id("re"),
            "object": "refund",
            "amount": amount,
            "balance_transaction": new_id("txn") if status == "succeeded" else None,
            "charge": intent["latest_charge"],
            "created": int(time.time()),
            "currency": intent["currency"],
            "destination_details": {"card": {"type": "refund"}, "type": "card"},
            "metadata": metadata,
            "payment_intent": intent["id"],
            "reason": reason,
            "status": status,
        },
        stripe.Refund,
    )


def event(type_, obj, previous_attributes=None):
    return complete(
        {
            "id": new_id("evt"),
            "object": "event",
            "api_version": stripe.api_version,
            "created": int(time.time()),
            "data": {"object": public(obj), "previous_attributes": previous_attributes},
            "livemode": False,
            "pending_webhooks": 1,
            "request": {"id": None, "idempotency_key": None},
            "type": type_,
        },
        stripe.Event,
    )


def list_of(objects, url):
    return {
        "object": "list",
        "data": [public(o) for o in objects],
        "has_more": False,
        "url": url,
    }


def public(obj):
    """A copy of ``obj`` as sent: without the fake's own bookkeeping (keys starting "_")."""
    import copy

    return {k: copy.deepcopy(v) for k, v in obj.items() if not k.startswith("_")}
