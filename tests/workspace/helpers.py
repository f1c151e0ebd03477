"""Two producers, each with a user, products, stock and an order holding both producers' lines."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from oscar.core.loading import get_model

from shop.checkout import services as checkout
from tests import factories
from tests.checkout.helpers import basket_with, place

User = get_user_model()
Line = get_model("order", "Line")


def make_user(username, *, staff=False, codenames=()):
    user = User.objects.create_user(
        username=username,
        email=f"{username}@ocop.local",
        password="secret-pass-123",
        is_staff=staff,
    )
    if codenames:
        user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return User.objects.get(pk=user.pk)


@dataclass
class ProducerSide:
    producer: object
    user: object
    products: list = field(default_factory=list)
    records: list = field(default_factory=list)

    @property
    def partner(self):
        return self.producer.partner


def category():
    Category = get_model("catalogue", "Category")
    existing = Category.objects.filter(slug="dac-san-dia-phuong").first()
    return existing or Category.add_root(
        name="Đặc sản địa phương", slug="dac-san-dia-phuong", is_public=True
    )


def make_producer(name, username, products=2):
    producer = factories.ProducerFactory(partner__name=name)
    user = make_user(username, codenames=["dashboard_access"])
    producer.partner.users.add(user)
    side = ProducerSide(producer=producer, user=user)
    for n in range(products):
        product = factories.ProductFactory(title=f"{name} sản phẩm {n + 1}")
        get_model("catalogue", "ProductCategory").objects.create(
            product=product, category=category()
        )
        record = factories.StockRecordFactory(
            product=product,
            partner=producer.partner,
            partner_sku=f"{username.upper()}-{n + 1}",
            price=Decimal("100000") + n * 10000,
            num_in_stock=50,
        )
        side.products.append(product)
        side.records.append(record)
    return side


def order_with_lines_of(*sides, paid=True, customer=None):
    """An order holding one line of each producer's first product (paid by default)."""
    basket = basket_with(sides[0].products[0], 1, owner=customer)
    for side in sides[1:]:
        basket.add_product(side.products[0], quantity=2)
    order = place(basket, user=customer) if customer else place(basket)
    if paid:
        checkout.mark_order_paid(
            order, method="card", amount=order.total_incl_tax, reference=f"pi_{order.number}"
        )
        order.refresh_from_db()
    return order


def line_of(order, side):
    return order.lines.get(partner=side.partner)
