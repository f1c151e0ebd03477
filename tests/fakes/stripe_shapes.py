"""The shape of what the fake Stripe sends, against the pinned ``stripe`` library.

Every object is checked against the library's resource class (``stripe.PaymentIntent``,
``stripe.Charge``, ``stripe.Refund``, ``stripe.Event``…): each field the class declares as
non-Optional is present and not null, values have the declared basic type, enums hold one of
their values, nested objects and lists are checked likewise.
"""

import typing

import stripe
from stripe._list_object import ListObject
from stripe._stripe_object import StripeObject

from .stripe_schema import _alternatives, _unwrap

# --- Responses and events ------------------------------------------------------------------

RESOURCES = {
    "payment_intent": stripe.PaymentIntent,
    "charge": stripe.Charge,
    "refund": stripe.Refund,
    "event": stripe.Event,
    "list": ListObject,
}


class ShapeError(AssertionError):
    """An object the fake sends does not have the shape the library declares."""


def check_response(obj):
    """Raise ShapeError when ``obj`` (a JSON object the fake sends) misses a declared field."""
    kind = obj.get("object") if isinstance(obj, dict) else None
    if kind not in RESOURCES:
        raise ShapeError(f"unknown object {kind!r}")
    _check_shape(obj, RESOURCES[kind], kind)
    if kind == "event":
        check_response(obj["data"]["object"])
    if kind == "list":
        for item in obj["data"]:
            check_response(item)


def declared_fields(cls):
    """{name: annotation} of a resource class (its own and inherited annotations)."""
    fields = {}
    for klass in reversed(cls.__mro__):
        if klass in (object, dict) or not issubclass(klass, StripeObject):
            continue
        if klass is StripeObject or klass.__module__.startswith("stripe._stripe_object"):
            continue
        for name, annotation in vars(klass).get("__annotations__", {}).items():
            if typing.get_origin(annotation) is typing.ClassVar or name.startswith("_"):
                continue
            fields[name] = annotation
    return fields


def _check_shape(obj, cls, path):
    if cls is ListObject:
        for name, kind in (("data", list), ("has_more", bool), ("url", str)):
            if not isinstance(obj.get(name), kind):
                raise ShapeError(f"{path}.{name} must be a {kind.__name__}")
        return
    for name, annotation in declared_fields(cls).items():
        options = _alternatives(annotation, cls)
        if name not in obj:
            if type(None) in options:
                continue
            raise ShapeError(f"{path}.{name} is missing (declared {annotation!r})")
        _check_field(obj[name], options, cls, f"{path}.{name}")


def _check_field(value, options, owner, path):
    if value is None:
        if type(None) not in options:
            raise ShapeError(f"{path} is null but not Optional")
        return
    literals = {v for o in options if typing.get_origin(o) is typing.Literal for v in o.__args__}
    if literals and isinstance(value, str) and value not in literals:
        raise ShapeError(f"{path} = {value!r} is none of {sorted(literals)}")
    problems = []
    for option in options:
        if option is type(None) or typing.get_origin(option) is typing.Literal:
            continue
        try:
            _check_typed(value, option, owner, path)
            return
        except ShapeError as exc:
            problems.append(str(exc))
    if literals and value in literals:
        return
    raise ShapeError("; ".join(problems) or f"{path}: unexpected {value!r}")


def _check_typed(value, option, owner, path):
    option = _unwrap(option, owner)
    origin = typing.get_origin(option) or option
    if option in (int, float):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise ShapeError(f"{path} must be a number, not {value!r}")
        if option is int and not isinstance(value, int):
            raise ShapeError(f"{path} must be an integer, not {value!r}")
    elif option is str:
        if not isinstance(value, str):
            raise ShapeError(f"{path} must be a string, not {value!r}")
    elif option is bool:
        if not isinstance(value, bool):
            raise ShapeError(f"{path} must be a boolean, not {value!r}")
    elif origin in (list, list):
        if not isinstance(value, list):
            raise ShapeError(f"{path} must be a list")
    elif origin in (dict, dict):
        if not isinstance(value, dict):
            raise ShapeError(f"{path} must be an object")
    elif isinstance(origin, type) and issubclass(origin, StripeObject):
        if not isinstance(value, dict):
            raise ShapeError(f"{path} must be an object")
        if origin is ListObject:
            _check_shape(value, ListObject, path)
        elif origin.__name__ == "UntypedStripeObject" or origin is StripeObject:
            return
        elif isinstance(value.get("object"), dict):  # ``Event.Data``: checked by kind
            _check_shape(value, origin, path)
        elif value.get("object") in RESOURCES and origin is not RESOURCES[value["object"]]:
            raise ShapeError(f"{path} is a {value['object']}, not a {origin.__name__}")
        else:
            _check_shape(value, origin, path)
    elif option is typing.Any:
        return
    else:
        raise ShapeError(f"{path}: cannot check {option!r}")
