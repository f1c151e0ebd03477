"""The wholesale part of the web checkout: PO number, delivery date and store of a business
order, kept in the checkout session and recorded with the order."""

import datetime

from django.utils.translation import gettext as _

from . import services
from .forms import BusinessOrderForm

SESSION_NAMESPACE = "wholesale"


def business_form(request, checkout_session, data=None):
    """The business-order form for a verified business's buyer, else None."""
    business = services.verified_business_for(request.user)
    if business is None:
        return None
    saved = checkout_session._get(SESSION_NAMESPACE, "details") or {}
    initial = {
        "po_number": saved.get("po_number", ""),
        "delivery_date": saved.get("delivery_date"),
        "store": saved.get("store"),
    }
    return BusinessOrderForm(data, business=business, initial=initial, prefix="business")


def save_details(checkout_session, form):
    data = form.cleaned_data
    checkout_session._set(
        SESSION_NAMESPACE,
        "details",
        {
            "po_number": data["po_number"],
            "delivery_date": data["delivery_date"].isoformat() if data["delivery_date"] else None,
            "store": data["store"].pk if data["store"] else None,
        },
    )


def details(request, checkout_session):
    """The captured details (with the Store object) for a verified business buyer, or None."""
    business = services.verified_business_for(request.user)
    if business is None:
        return None
    saved = checkout_session._get(SESSION_NAMESPACE, "details")
    if not saved or not saved.get("po_number"):
        return None
    store = business.stores.filter(pk=saved.get("store")).first() if saved.get("store") else None
    delivery = saved.get("delivery_date")
    return {
        "business": business,
        "po_number": saved["po_number"],
        "delivery_date": datetime.date.fromisoformat(delivery) if delivery else None,
        "store": store,
    }


def missing_details_message():
    return _("Please enter the purchase order number of this business order.")


def check_on_account(request, total):
    """Refuse an on-account order beyond the credit limit (raises CreditLimitExceeded)."""
    business = services.verified_business_for(request.user)
    if business is None:
        raise services.CreditLimitExceeded(_("Only verified businesses can buy on account."))
    services.check_credit(business, total)


def record(order, request, checkout_session, method):
    captured = details(request, checkout_session)
    if captured is None:
        return None
    from shop.checkout.services import METHOD_ON_ACCOUNT

    return services.record_business_order(
        order,
        captured["business"],
        po_number=captured["po_number"],
        delivery_date=captured["delivery_date"],
        store=captured["store"],
        on_account=method == METHOD_ON_ACCOUNT,
    )
