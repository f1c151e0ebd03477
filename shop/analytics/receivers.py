"""Oscar's analytics counters (product views, basket additions, purchases, searches and each
customer's own counters), written once the shopper's transaction has committed.

Oscar's receivers wrote the counter rows inside the request's transaction (ATOMIC_REQUESTS):
a product's counter row stayed locked until the request ended, while the checkout holds that
product's stock record, so adding to a basket and placing an order deadlocked; and a counter
row created by two requests at once broke the second request's transaction. Here a receiver
only notes what to count; after the commit (``transaction.on_commit``) each counter moves by
one statement in autocommit mode (``UPDATE … SET n = n + k``, a missing row inserted first
with ``INSERT … ON CONFLICT DO NOTHING``), so no analytics lock outlives a statement. A
failure is logged, never shown to the shopper, and a rolled back request counts nothing.
"""

import logging
from collections import Counter

from django.db import transaction
from django.db.models import F
from django.dispatch import receiver
from oscar.apps.basket.signals import basket_addition
from oscar.apps.catalogue.signals import product_viewed
from oscar.apps.order.signals import order_placed
from oscar.apps.search.signals import user_search
from oscar.core.loading import get_model

logger = logging.getLogger(__name__)

ProductRecord = get_model("analytics", "ProductRecord")
UserProductView = get_model("analytics", "UserProductView")
UserRecord = get_model("analytics", "UserRecord")
UserSearch = get_model("analytics", "UserSearch")


def bump(model, key, counts, values=None):
    """Add ``counts`` (field → amount) to the row of ``model`` matching ``key`` and set
    ``values``, creating the row (zeros) when missing. Each statement is atomic on its own."""
    changes = {field: F(field) + amount for field, amount in counts.items()}
    changes.update(values or {})
    if model.objects.filter(**key).update(**changes):
        return
    model.objects.bulk_create([model(**key)], ignore_conflicts=True)
    model.objects.filter(**key).update(**changes)


def after_commit(function, *args):
    """Run ``function(*args)`` once the current transaction commits; log its failure."""

    def run():
        try:
            function(*args)
        except Exception:  # counters never break the shopper's request
            logger.exception("Analytics not recorded: %s%r", function.__name__, args)

    transaction.on_commit(run)


def _user_id(user):
    return user.pk if user is not None and user.is_authenticated else None


# --- What is counted ------------------------------------------------------------------------


def count_view(product_id, user_id):
    bump(ProductRecord, {"product_id": product_id}, {"num_views": 1})
    if user_id:
        bump(UserRecord, {"user_id": user_id}, {"num_product_views": 1})
        UserProductView.objects.create(product_id=product_id, user_id=user_id)


def count_basket_addition(product_id, user_id):
    bump(ProductRecord, {"product_id": product_id}, {"num_basket_additions": 1})
    if user_id:
        bump(UserRecord, {"user_id": user_id}, {"num_basket_additions": 1})


def count_order(order_id, user_id):
    Order = get_model("order", "Order")
    order = Order.objects.filter(pk=order_id).first()
    if order is None:
        return
    bought = Counter()
    for product_id, quantity in order.lines.values_list("product_id", "quantity"):
        if product_id is not None:
            bought[product_id] += quantity
    for product_id in sorted(bought):
        bump(ProductRecord, {"product_id": product_id}, {"num_purchases": bought[product_id]})
    if user_id:
        bump(
            UserRecord,
            {"user_id": user_id},
            {
                "num_orders": 1,
                "num_order_lines": order.num_lines,
                "num_order_items": order.num_items,
                "total_spent": order.total_incl_tax,
            },
            {"date_last_order": order.date_placed},
        )


def record_search(user_id, query):
    max_length = UserSearch._meta.get_field("query").max_length
    UserSearch.objects.create(user_id=user_id, query=(query or "")[:max_length])


# --- Receivers ------------------------------------------------------------------------------


@receiver(product_viewed, dispatch_uid="shop.analytics.product_viewed")
def receive_product_view(sender, product, user, **kwargs):
    if not kwargs.get("raw", False):
        after_commit(count_view, product.pk, _user_id(user))


@receiver(user_search, dispatch_uid="shop.analytics.user_search")
def receive_product_search(sender, query, user, **kwargs):
    user_id = _user_id(user)
    if user_id and not kwargs.get("raw", False):
        after_commit(record_search, user_id, query)


@receiver(basket_addition, dispatch_uid="shop.analytics.basket_addition")
def receive_basket_addition(sender, product, user, **kwargs):
    if not kwargs.get("raw", False):
        after_commit(count_basket_addition, product.pk, _user_id(user))


@receiver(order_placed, dispatch_uid="shop.analytics.order_placed")
def receive_order_placed(sender, order, user, **kwargs):
    if not kwargs.get("raw", False):
        after_commit(count_order, order.pk, _user_id(user))
