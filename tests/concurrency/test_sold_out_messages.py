"""A buyer whose product has just sold out is told so, naming it: when adding it to the
basket, changing the basket line, reaching the checkout preview and placing the order."""

import pytest
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from shop.checkout import services
from tests.checkout.helpers import basket_with, place, stocked_product
from tests.checkout.test_flow import add_to_basket, choose, to_payment_method

pytestmark = pytest.mark.django_db

TITLE = "Mạch nha Thi Phổ"
SOLD_OUT_VI = f"{TITLE} vừa hết hàng: người mua khác đã đặt những sản phẩm cuối cùng trước bạn."
SOLD_OUT_EN = f"{TITLE} has just sold out: other buyers took the last units first."
OSCAR_GENERIC = (
    "no stock available",
    "A problem occurred",
    "Unavailable",
    "is no longer available",
)


def _record(product):
    return get_model("partner", "StockRecord").objects.get(product=product)


def _someone_else_buys_everything(product):
    place(basket_with(product, _record(product).net_stock_level))


def _add(client, product, quantity=1):
    return client.post(
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"quantity": quantity, "stockrecord": _record(product).pk},
    )


def _assert_named_not_generic(page, expected):
    assert expected in page, page[:3000]
    for generic in OSCAR_GENERIC:
        assert generic not in page


def test_adding_a_product_that_has_just_sold_out(client):
    product = stocked_product(num_in_stock=1, title=TITLE)
    _someone_else_buys_everything(product)

    response = _add(client, product)

    assert response.status_code == 302
    response = client.get(reverse("basket:summary"))
    _assert_named_not_generic(response.content.decode(), SOLD_OUT_VI)
    assert not response.context["basket"].all_lines()


def test_adding_a_product_that_has_just_sold_out_in_english(client):
    product = stocked_product(num_in_stock=1, title=TITLE)
    _someone_else_buys_everything(product)
    with translation.override("en"):
        response = _add(client, product)
        page = client.get(reverse("basket:summary")).content.decode()
    assert response.status_code == 302
    _assert_named_not_generic(page, SOLD_OUT_EN)


def test_adding_more_than_is_left_says_how_many_are_left(client):
    product = stocked_product(num_in_stock=5, title=TITLE)
    place(basket_with(product, 3))

    _add(client, product, quantity=4)

    page = client.get(reverse("basket:summary")).content.decode()
    _assert_named_not_generic(page, f"{TITLE} vừa hết hàng với số lượng bạn chọn: chỉ còn 2")


def test_raising_a_basket_line_after_the_stock_went(client):
    product = stocked_product(num_in_stock=2, title=TITLE)
    add_to_basket(client, product, 1)
    place(basket_with(product, 2))  # another buyer takes both units
    formset = client.get(reverse("basket:summary")).context["formset"]
    line = formset.forms[0].instance
    prefix = formset.prefix

    response = client.post(
        reverse("basket:summary"),
        {
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-INITIAL_FORMS": "1",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
            f"{prefix}-0-id": str(line.pk),
            f"{prefix}-0-quantity": "2",
        },
        follow=True,
    )

    _assert_named_not_generic(response.content.decode(), SOLD_OUT_VI)
    line.refresh_from_db()
    assert line.quantity == 1


def test_the_preview_sends_a_buyer_whose_product_sold_out_back_to_the_basket(client):
    product = stocked_product(num_in_stock=1, title=TITLE)
    to_payment_method(client, product, 1)
    choose(client, "cod")
    _someone_else_buys_everything(product)

    response = client.get(reverse("checkout:preview"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("basket:summary")
    _assert_named_not_generic(response.content.decode(), SOLD_OUT_VI)


def test_placement_names_each_product_that_ran_out():
    garlic = stocked_product(num_in_stock=1, title=TITLE)
    honey = stocked_product(num_in_stock=3, title="Mật ong rừng")
    basket = basket_with(garlic, 1)
    basket.add_product(honey, 3)
    _someone_else_buys_everything(garlic)
    place(basket_with(honey, 1))

    with pytest.raises(services.SoldOut) as exc:
        place(basket)

    assert exc.value.products == [garlic, honey]
    assert str(exc.value) == (
        f"{SOLD_OUT_VI} Mật ong rừng vừa hết hàng với số lượng bạn chọn: chỉ còn 2 sản phẩm. "
        "Vui lòng chọn số lượng nhỏ hơn để tiếp tục."
    )
    with translation.override("en"):
        assert SOLD_OUT_EN in str(services.SoldOut([(garlic, 0)]))
