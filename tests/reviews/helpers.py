"""Buyers, orders and reviews for the review tests."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from tests import factories
from tests.checkout.helpers import basket_with, ensure_vietnam, place

Line = get_model("order", "Line")


def make_user(name, **kwargs):
    return get_user_model().objects.create_user(
        username=name, email=f"{name}@example.vn", password="x-Secret-123", **kwargs
    )


def product(title="Tỏi cô đơn Lý Sơn", price=Decimal("120000")):
    made = factories.certified_product(stars=4, price=price, title=title)
    record = made.stockrecords.get()
    record.num_in_stock = 20
    record.save()
    return made


def order_of(user, item, status="delivered"):
    """An order of ``user`` holding ``item``, its lines at ``status``."""
    ensure_vietnam()
    order = place(basket_with(item, 1, owner=user), user=user)
    Line.objects.filter(order=order).update(status=status)
    return order


def review_data(**fields):
    data = {"title": "Tỏi thơm, củ chắc", "score": "5", "body": "Đóng gói cẩn thận."}
    data.update(fields)
    return data
