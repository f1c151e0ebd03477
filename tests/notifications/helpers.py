"""Orders with two producers, a signed-in or guest customer and staff, for the
notification tests."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import translation
from oscar.core.loading import get_model

from tests import factories
from tests.checkout.helpers import basket_with, place


def producer_with_user(name, user_email, contact_email):
    producer = factories.ProducerFactory(partner__name=name, email=contact_email)
    user = get_user_model().objects.create_user(
        username=user_email.split("@")[0], email=user_email, password="x-secret-123"
    )
    producer.partner.users.add(user)
    return producer


def stocked(producer, title, price, num_in_stock=10, threshold=None):
    product = factories.ProductFactory(title=title)
    factories.StockRecordFactory(
        product=product,
        partner=producer.partner,
        price=Decimal(price),
        num_in_stock=num_in_stock,
        low_stock_threshold=threshold,
    )
    return product


def shipping_address():
    ShippingAddress = get_model("order", "ShippingAddress")
    Country = get_model("address", "Country")
    country = Country.objects.get(iso_3166_1_a2="VN")
    return ShippingAddress.objects.create(
        first_name="Nguyễn",
        last_name="Văn An",
        line1="12 Lê Lợi",
        line4="Quảng Ngãi",
        country=country,
        phone_number="+84905123456",
    )


def two_producer_world():
    """Two producers (each with a user and a profile contact email), a staff member."""
    User = get_user_model()
    garlic = producer_with_user("HTX Tỏi Lý Sơn", "toi-user@example.vn", "toi@example.vn")
    syrup = producer_with_user("Cơ sở Mạch nha Thi Phổ", "manha-user@example.vn", "")
    User.objects.create_user(
        username="staff1",
        email="staff@example.vn",
        password="x-secret-123",
        is_staff=True,
        is_superuser=True,
    )
    return {
        "garlic": garlic,
        "syrup": syrup,
        "garlic_product": stocked(garlic, "Tỏi cô đơn Lý Sơn", "250000"),
        "syrup_product": stocked(syrup, "Mạch nha Thi Phổ", "90000"),
    }


def place_two_producer_order(world, *, guest_email="buyer@example.com", user=None, language="vi"):
    """An order of 2 garlic + 1 syrup, placed in ``language`` (as the checkout would)."""
    basket = basket_with(world["garlic_product"], quantity=2, owner=user)
    basket.add_product(world["syrup_product"], quantity=1)
    kwargs = {"shipping_address": shipping_address()}
    if user is None:
        kwargs["guest_email"] = guest_email
    else:
        kwargs["user"] = user
    with translation.override(language):
        return place(basket, **kwargs)
