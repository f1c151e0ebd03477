"""Stripe's published schema, as the pinned ``stripe`` library carries it, for the fake.

Requests: each endpoint the fake serves is checked against the library's parameter
TypedDict (``stripe.params``) by introspection: unknown parameters, wrong types, values
outside an enum (``Literal[...]``; the library adds ``|str`` for forward compatibility, Stripe
itself refuses them), missing required parameters, Stripe's amount limits and metadata limits.
A refusal is a ``SchemaError`` carrying Stripe's error JSON
(``{"error": {"type", "code", "message", "param"}}``).

The objects the fake sends are checked in ``stripe_shapes`` with the same reading of the
library's annotations.
"""

import re
import sys
import types
import typing

import stripe
import typing_extensions
from stripe._request_options import RequestOptions
from stripe._stripe_object import StripeObject
from stripe.params._payment_intent_cancel_params import PaymentIntentCancelParams
from stripe.params._payment_intent_capture_params import PaymentIntentCaptureParams
from stripe.params._payment_intent_confirm_params import PaymentIntentConfirmParams
from stripe.params._payment_intent_create_params import PaymentIntentCreateParams
from stripe.params._payment_intent_retrieve_params import PaymentIntentRetrieveParams
from stripe.params._refund_create_params import RefundCreateParams
from stripe.params._refund_list_params import RefundListParams
from stripe.params._refund_retrieve_params import RefundRetrieveParams

# Stripe's limits (https://docs.stripe.com/currencies, https://docs.stripe.com/api/metadata).
ZERO_DECIMAL = {"bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx"}
ZERO_DECIMAL |= {"vnd", "vuv", "xaf", "xof", "xpf"}
MIN_AMOUNT = {"vnd": 13000, "usd": 50, "eur": 50, "jpy": 50}
MAX_AMOUNT = 99_999_999
METADATA_MAX_KEYS = 50
METADATA_KEY_MAX = 40
METADATA_VALUE_MAX = 500

# (method, path pattern) → parameters TypedDict. Paths use {id} for an object id.
ENDPOINTS = {
    ("POST", "/v1/payment_intents"): PaymentIntentCreateParams,
    ("GET", "/v1/payment_intents/{id}"): PaymentIntentRetrieveParams,
    ("POST", "/v1/payment_intents/{id}/confirm"): PaymentIntentConfirmParams,
    ("POST", "/v1/payment_intents/{id}/capture"): PaymentIntentCaptureParams,
    ("POST", "/v1/payment_intents/{id}/cancel"): PaymentIntentCancelParams,
    ("POST", "/v1/refunds"): RefundCreateParams,
    ("GET", "/v1/refunds"): RefundListParams,
    ("GET", "/v1/refunds/{id}"): RefundRetrieveParams,
}
# Amount parameters: (endpoint parameters, name) → whether the currency minimum applies.
AMOUNTS = {
    (PaymentIntentCreateParams, "amount"): True,
    (PaymentIntentCaptureParams, "amount_to_capture"): False,
    (RefundCreateParams, "amount"): False,
}
REQUEST_OPTIONS = set(RequestOptions.__annotations__)


class SchemaError(Exception):
    """A request Stripe refuses: ``status`` and ``body`` are Stripe's answer."""

    def __init__(self, message, *, param=None, code=None, status=400):
        super().__init__(message)
        self.status = status
        self.body = {
            "error": {
                "type": "invalid_request_error",
                "code": code,
                "message": message,
                "param": param,
                "doc_url": f"https://stripe.com/docs/error-codes/{code.replace('_', '-')}"
                if code
                else None,
            }
        }


def endpoint(method, path):
    """The parameters TypedDict of a served endpoint, or None."""
    generic = re.sub(r"/(pi|re|ch)_\w+", "/{id}", path)
    return ENDPOINTS.get((method, generic))


# --- Resolving the library's annotations ---------------------------------------------------


def _resolve(annotation, owner):
    """Evaluate a string / ForwardRef annotation in its owner's module."""
    if isinstance(annotation, typing.ForwardRef):
        annotation = annotation.__forward_arg__
    if isinstance(annotation, str):
        namespace = dict(vars(sys.modules[owner.__module__]))
        namespace.setdefault(owner.__name__, owner)
        namespace.update(vars(typing))
        namespace.update({"Literal": typing.Literal, "NotRequired": typing.NotRequired})
        namespace.update(vars(stripe))
        if annotation.isidentifier() and annotation not in namespace:
            # A resource the library loads lazily (``stripe.Application``…), or none.
            return getattr(stripe, annotation, typing.Any)
        annotation = eval(annotation, namespace)  # the library's own annotations only
    return annotation


def _unwrap(annotation, owner):
    """(annotation without NotRequired/Required, owner)."""
    annotation = _resolve(annotation, owner)
    while typing.get_origin(annotation) in (typing.NotRequired, typing.Required):
        annotation = _resolve(typing.get_args(annotation)[0], owner)
    return annotation


def _alternatives(annotation, owner):
    annotation = _unwrap(annotation, owner)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        found = []
        for arg in typing.get_args(annotation):
            found.extend(_alternatives(arg, owner))
        return found
    return [annotation]


def _is_typeddict(annotation):
    return isinstance(annotation, type) and typing_extensions.is_typeddict(annotation)


def param_fields(params_cls):
    """{name: annotation} of a parameters TypedDict, without the request options."""
    return {k: v for k, v in params_cls.__annotations__.items() if k not in REQUEST_OPTIONS}


# --- Requests ------------------------------------------------------------------------------


def check_request(method, path, params):
    """Raise SchemaError for a request Stripe would refuse (form-decoded ``params``)."""
    params_cls = endpoint(method, path)
    if params_cls is None:
        return
    params = {k: v for k, v in params.items() if k not in ("client_secret",)}
    _check_object(params, params_cls, prefix="")
    for (owner, name), needs_minimum in AMOUNTS.items():
        if owner is params_cls and name in params:
            _check_amount(name, params[name], params.get("currency", ""), needs_minimum)
    for name in ("metadata",):
        if isinstance(params.get(name), dict):
            check_metadata(params[name])


def _check_object(values, params_cls, prefix):
    fields = param_fields(params_cls)
    for name, value in values.items():
        param = f"{prefix}[{name}]" if prefix else name
        if name not in fields:
            raise SchemaError(
                f"Received unknown parameter: {param}", param=param, code="parameter_unknown"
            )
        _check_value(value, fields[name], params_cls, param)
    required = params_cls.__required_keys__ - REQUEST_OPTIONS
    for name in sorted(required - set(values)):
        param = f"{prefix}[{name}]" if prefix else name
        raise SchemaError(
            f"Missing required param: {param}.", param=param, code="parameter_missing"
        )


def _check_value(value, annotation, owner, param):
    options = _alternatives(annotation, owner)
    literals = [a for a in options if typing.get_origin(a) is typing.Literal]
    allowed = {v for lit in literals for v in typing.get_args(lit)}
    if value == "" and "" in allowed:
        return
    if isinstance(value, str) and literals and allowed - {""}:
        # ``Literal[...]|str``: the ``str`` is the library's forward compatibility only.
        if value in allowed:
            return
        choices = ", ".join(sorted(str(v) for v in allowed - {""}))
        raise SchemaError(
            f"Invalid {param}: must be one of {choices}", param=param, code="parameter_invalid"
        )
    errors = []
    for option in options:
        if option is type(None) or typing.get_origin(option) is typing.Literal:
            continue
        try:
            _check_one(value, option, owner, param)
            return
        except SchemaError as exc:
            errors.append(exc)
    if errors:
        # The most specific refusal (an unknown nested key before a type mismatch).
        errors.sort(key=lambda e: e.body["error"]["code"] != "parameter_unknown")
        raise errors[0]
    raise SchemaError(f"Invalid value for {param}.", param=param, code="parameter_invalid")


def _check_one(value, option, owner, param):
    origin = typing.get_origin(option) or option
    if option is int:
        if not isinstance(value, str) or not re.fullmatch(r"-?\d{1,18}", value):
            raise SchemaError(
                f"Invalid integer: {value}", param=param, code="parameter_invalid_integer"
            )
    elif option is bool:
        if value not in ("true", "false"):
            raise SchemaError(
                f"Invalid boolean: {value}", param=param, code="parameter_invalid_boolean"
            )
    elif option is float:
        if not isinstance(value, str) or not re.fullmatch(r"-?\d+(\.\d+)?", value):
            raise SchemaError(f"Invalid decimal: {value}", param=param, code="parameter_invalid")
    elif option is str:
        if not isinstance(value, str):
            raise SchemaError(
                f"Invalid string: {param} must be a string",
                param=param,
                code="parameter_invalid_string",
            )
        if len(value) > 5000:
            raise SchemaError(
                f"Invalid string: {param} is longer than 5000 characters",
                param=param,
                code="parameter_invalid_string_size",
            )
    elif _is_typeddict(option):
        if not isinstance(value, dict):
            raise SchemaError(
                f"Invalid object: {param} must be a hash", param=param, code="parameter_invalid"
            )
        _check_object(value, option, prefix=param)
    elif origin in (list, list):
        if not isinstance(value, dict) or not all(k.isdigit() for k in value):
            raise SchemaError(
                f"Invalid array: {param} must be an array", param=param, code="parameter_invalid"
            )
        (item,) = typing.get_args(option) or (str,)
        for key, item_value in value.items():
            _check_value(item_value, item, owner, f"{param}[{key}]")
    elif origin in (dict, dict) or (isinstance(origin, type) and issubclass(origin, StripeObject)):
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise SchemaError(
                f"Invalid object: {param} must be a hash of strings",
                param=param,
                code="parameter_invalid",
            )
    elif option is typing.Any:
        return
    else:
        raise SchemaError(f"Invalid value for {param}.", param=param, code="parameter_invalid")


def _check_amount(name, raw, currency, needs_minimum):
    amount = int(raw)  # already checked to be an integer
    if amount < 1:
        raise SchemaError(
            f"Invalid {name}: must be a positive integer", param=name, code="parameter_invalid"
        )
    if amount > MAX_AMOUNT:
        raise SchemaError(
            f"Amount must be no more than {MAX_AMOUNT:,}", param=name, code="amount_too_large"
        )
    minimum = MIN_AMOUNT.get(str(currency).lower(), 50)
    if needs_minimum and amount < minimum:
        raise SchemaError(
            f"Amount must be at least {minimum} {str(currency).lower()}",
            param=name,
            code="amount_too_small",
        )


def check_metadata(metadata):
    if len(metadata) > METADATA_MAX_KEYS:
        raise SchemaError(
            f"Invalid metadata: metadata can have up to {METADATA_MAX_KEYS} keys, "
            f"but currently has {len(metadata)} keys.",
            param="metadata",
            code="parameter_invalid",
        )
    for key, value in metadata.items():
        param = f"metadata[{key}]"
        if len(key) > METADATA_KEY_MAX or "[" in key or "]" in key or not key:
            raise SchemaError(
                f"Invalid metadata: keys can be up to {METADATA_KEY_MAX} characters long and "
                "cannot contain square brackets.",
                param=param,
                code="parameter_invalid",
            )
        if len(value) > METADATA_VALUE_MAX:
            raise SchemaError(
                f"Invalid metadata: values can be up to {METADATA_VALUE_MAX} characters long.",
                param=param,
                code="parameter_invalid",
            )
