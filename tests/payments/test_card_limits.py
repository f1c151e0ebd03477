"""Card payment only for order totals Stripe accepts for VND (13,000 to 99,999,999 dong)."""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.payments import services
from shop.payments.gateway import PaymentError
from tests.checkout.helpers import stocked_product
from tests.checkout.test_flow import choose, place, to_payment_method

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")


@pytest.fixture
def card_keys(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_x"


@pytest.mark.parametrize(
    "total, allowed",
    [
        (Decimal(12999), False),
        (Decimal(13000), True),
        (Decimal(99_999_999), True),
        (Decimal(100_000_000), False),
        (Decimal("13000.5"), False),
        (Decimal(0), False),
        (None, False),
    ],
)
def test_card_amount_limits(total, allowed):
    assert services.card_amount_allowed(total) is allowed
    assert (services.card_unavailable_reason(total) == "") is allowed


def test_the_minimum_is_a_setting(settings):
    settings.STRIPE_MIN_AMOUNT_VND = 20000
    assert not services.card_amount_allowed(Decimal(19999))
    assert services.card_amount_allowed(Decimal(20000))


def order_total(client):
    return client.get(reverse("checkout:payment-method")).context["order_total"].incl_tax


def test_card_is_not_offered_below_the_minimum_and_says_why(client, card_keys, settings):
    product = stocked_product(num_in_stock=5, price=Decimal(1000))
    to_payment_method(client, product)
    settings.STRIPE_MIN_AMOUNT_VND = int(order_total(client)) + 1

    page = client.get(reverse("checkout:payment-method")).content.decode()

    assert 'value="card"' not in page
    assert 'data-testid="card-unavailable-note"' in page
    assert "chỉ áp dụng cho đơn hàng có tổng tiền từ" in page


def test_card_is_offered_from_the_minimum(client, card_keys, settings):
    product = stocked_product(num_in_stock=5, price=Decimal(13000))
    to_payment_method(client, product)
    settings.STRIPE_MIN_AMOUNT_VND = int(order_total(client))

    page = client.get(reverse("checkout:payment-method")).content.decode()

    assert 'value="card"' in page
    assert 'data-testid="card-unavailable-note"' not in page


def test_the_english_page_explains_in_english(client, card_keys, settings):
    product = stocked_product(num_in_stock=5, price=Decimal(1000))
    to_payment_method(client, product)
    settings.STRIPE_MIN_AMOUNT_VND = int(order_total(client)) + 1

    page = client.get("/en" + reverse("checkout:payment-method")).content.decode()

    assert "Card payment is possible for order totals from" in page


def test_card_is_not_offered_above_the_maximum(client, card_keys, settings):
    product = stocked_product(num_in_stock=5, price=Decimal(60_000_000))
    to_payment_method(client, product, 2)
    assert order_total(client) > settings.STRIPE_MAX_AMOUNT_VND

    page = client.get(reverse("checkout:payment-method")).content.decode()

    assert 'value="card"' not in page
    response = choose(client, "card")
    assert response.status_code == 200
    assert response.context["form"].errors["method"] == [
        services.card_unavailable_reason(order_total(client))
    ]


def test_a_forced_card_post_is_refused_at_the_payment_step(client, card_keys, settings):
    product = stocked_product(num_in_stock=5, price=Decimal(1000))
    to_payment_method(client, product)
    settings.STRIPE_MIN_AMOUNT_VND = int(order_total(client)) + 1

    response = choose(client, "card")

    assert response.status_code == 200
    assert 'data-testid="payment-method-error"' in response.content.decode()
    assert not Order.objects.exists()


def test_a_card_order_under_the_minimum_is_not_placed_and_holds_no_stock(
    client, card_keys, settings
):
    product = stocked_product(num_in_stock=5, price=Decimal(1000))
    to_payment_method(client, product)
    choose(client, "card")  # still allowed at this total
    preview = client.get(reverse("checkout:preview"))
    basket_hash = preview.context["basket_hash"]
    settings.STRIPE_MIN_AMOUNT_VND = int(order_total(client)) + 1  # e.g. Stripe's minimum rose

    response = client.post(
        reverse("checkout:preview"), {"action": "place_order", "basket_hash": basket_hash}
    )

    assert response.status_code == 302
    assert response["Location"].endswith(reverse("checkout:payment-method"))
    assert not Order.objects.exists()
    assert not StockRecord.objects.get(product=product).num_allocated
    follow = client.get(response["Location"]).content.decode()
    assert "chỉ áp dụng cho đơn hàng có tổng tiền từ" in follow
    # The preview sends the buyer back too.
    assert client.get(reverse("checkout:preview")).status_code == 302


def test_placing_a_card_order_within_the_limits_still_works(client, card_keys):
    product = stocked_product(num_in_stock=5, price=Decimal(125000))
    to_payment_method(client, product)
    choose(client, "card")

    response = place(client)

    order = Order.objects.get()
    assert response["Location"] == services.card_payment_url(order)


def test_starting_a_card_payment_outside_the_limits_is_refused(make_order, settings):
    settings.STRIPE_SECRET_KEY, settings.STRIPE_PUBLISHABLE_KEY = "sk_test_x", "pk_test_x"
    order = make_order(price=Decimal(5000))

    with pytest.raises(PaymentError):
        services.start_card_payment(order)
