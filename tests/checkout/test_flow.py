"""The checkout through its pages: guest, address, shipping, payment method, order."""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.checkout import services
from tests import factories
from tests.checkout.helpers import stocked_product

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

ADDRESS = {
    "first_name": "Lan",
    "last_name": "Nguyễn",
    "line1": "12 Lê Lợi",
    "phone_number": "0912345678",
}


@pytest.fixture
def units():
    province = factories.ProvinceFactory()
    district = factories.DistrictFactory(parent=province, name="Huyện Sơn Tịnh")
    commune = factories.CommuneFactory(parent=district, name="Xã Tịnh Hà")
    return province, district, commune


def address(units, **changes):
    province, district, commune = units
    data = dict(ADDRESS, province=province.pk, district=district.pk, commune=commune.pk)
    data.update(changes)
    return data


def add_to_basket(client, product, quantity=1):
    record = StockRecord.objects.get(product=product)
    response = client.post(
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"quantity": quantity, "stockrecord": record.pk},
    )
    assert response.status_code == 302


def to_payment_method(client, product, quantity=1, email="lan@example.vn", method_code=None):
    province = factories.ProvinceFactory()
    district = factories.DistrictFactory(parent=province)
    commune = factories.CommuneFactory(parent=district)
    add_to_basket(client, product, quantity)
    response = client.post(reverse("checkout:index"), {"username": email, "options": "anonymous"})
    assert response.status_code == 302, response.content.decode()[:3000]
    response = client.post(
        reverse("checkout:shipping-address"), address((province, district, commune))
    )
    assert response.status_code == 302, response.context["form"].errors
    response = client.get(reverse("checkout:shipping-method"))
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        code = method_code or response.context["methods"][0].code
        response = client.post(reverse("checkout:shipping-method"), {"method_code": code})
        assert response.status_code == 302


def choose(client, method):
    return client.post(reverse("checkout:payment-method"), {"method": method})


def place(client):
    preview = client.get(reverse("checkout:preview"))
    assert preview.status_code == 200
    basket_hash = preview.context["basket_hash"]
    return client.post(
        reverse("checkout:preview"), {"action": "place_order", "basket_hash": basket_hash}
    )


def test_guest_pays_cash_on_delivery(client):
    product = stocked_product(num_in_stock=5, title="Mạch nha Thi Phổ")
    to_payment_method(client, product, 2)
    page = client.get(reverse("checkout:payment-method")).content.decode()
    assert "Thanh toán khi nhận hàng" in page or "Cash on delivery" in page
    response = choose(client, "cod")
    assert response.status_code == 302 and response["Location"].endswith(
        reverse("checkout:preview")
    )
    response = place(client)
    assert response.status_code == 302, response.content.decode()[:2000]
    order = Order.objects.get()
    assert order.status == services.PROCESSING
    assert set(order.lines.values_list("status", flat=True)) == {services.PROCESSING}
    assert order.guest_email == "lan@example.vn"
    assert order.sources.get().source_type.name == "COD"
    assert StockRecord.objects.get(product=product).num_allocated == 2
    page = client.get(reverse("checkout:thank-you")).content.decode()
    assert order.number in page
    assert "Mạch nha Thi Phổ" in page
    assert "250.000\xa0₫" in page
    assert 'data-testid="cod-instructions"' in page


def test_bank_transfer_waits_for_payment_and_shows_vietqr(client):
    product = stocked_product(num_in_stock=5)
    to_payment_method(client, product)
    choose(client, "bank_transfer")
    assert place(client).status_code == 302
    order = Order.objects.get()
    assert order.status == services.PENDING_PAYMENT
    page = client.get(reverse("checkout:thank-you")).content.decode()
    assert order.number in page
    assert 'id="bank-transfer-instructions"' in page


def test_card_hidden_without_keys(client, settings):
    settings.STRIPE_SECRET_KEY = ""
    product = stocked_product()
    to_payment_method(client, product)
    page = client.get(reverse("checkout:payment-method")).content.decode()
    assert 'value="card"' not in page
    response = choose(client, "card")
    assert response.status_code == 200
    assert not Order.objects.exists()


def test_card_order_is_placed_then_sent_to_card_payment(client, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_x"
    product = stocked_product(num_in_stock=5)
    to_payment_method(client, product)
    choose(client, "card")
    response = place(client)
    order = Order.objects.get()
    assert order.status == services.PENDING_PAYMENT
    assert StockRecord.objects.get(product=product).num_allocated == 1
    from shop.payments.services import card_payment_url

    assert response["Location"] == card_payment_url(order)


def test_cod_refused_above_ceiling(client, settings):
    settings.COD_MAX_ORDER_TOTAL = 200_000
    product = stocked_product(num_in_stock=5, price=Decimal("125000"))
    to_payment_method(client, product, 2)
    response = choose(client, "cod")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="payment-method-error"' in page
    assert "200.000\xa0₫" in page
    assert not Order.objects.exists()


def test_sold_out_at_placement_goes_back_to_basket(client):
    """Stock taken between the page checks and the placement: the locked re-check refuses."""
    from oscar.apps.checkout.signals import pre_payment

    product = stocked_product(num_in_stock=2, title="Tỏi Lý Sơn")
    to_payment_method(client, product, 2)
    choose(client, "cod")
    record = StockRecord.objects.get(product=product)

    def someone_else_buys(**kwargs):
        record.allocate(1)

    pre_payment.connect(someone_else_buys)
    try:
        response = place(client)
    finally:
        pre_payment.disconnect(someone_else_buys)
    assert response.status_code == 302
    assert response["Location"] == reverse("basket:summary")
    assert not Order.objects.exists()
    page = client.get(reverse("basket:summary")).content.decode()
    assert "Tỏi Lý Sơn vừa hết hàng với số lượng bạn chọn: chỉ còn 1 sản phẩm" in page
    record.refresh_from_db()
    assert record.num_allocated == 1
    # The basket is open again, with its line, for the buyer to change.
    assert "Tỏi Lý Sơn" in page


def test_stock_gone_before_preview_is_caught_too(client):
    product = stocked_product(num_in_stock=2, title="Tỏi Lý Sơn")
    to_payment_method(client, product, 2)
    choose(client, "cod")
    StockRecord.objects.get(product=product).allocate(1)
    assert client.get(reverse("checkout:preview"))["Location"] == reverse("basket:summary")
    response = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert response.status_code == 302
    assert not Order.objects.exists()


def start_guest_checkout(client, product):
    add_to_basket(client, product)
    client.post(reverse("checkout:index"), {"username": "lan@example.vn", "options": "anonymous"})


def test_address_stored_on_oscar_lines(client, units):
    product = stocked_product()
    start_guest_checkout(client, product)
    response = client.post(reverse("checkout:shipping-address"), address(units))
    assert response.status_code == 302
    fields = client.session["checkout_data"]["shipping"]["new_address_fields"]
    assert fields["line1"] == "12 Lê Lợi"
    assert fields["line2"] == "Xã Tịnh Hà"
    assert fields["line3"] == "Huyện Sơn Tịnh"
    assert fields["state"] == fields["line4"] == "Tỉnh Quảng Ngãi"
    assert fields["phone_number"].replace(" ", "") == "+84912345678"
    # Coming back to the page shows the chosen units again.
    form = client.get(reverse("checkout:shipping-address")).context["form"]
    province, district, commune = units
    assert form.initial["province"] == province.pk
    assert list(form.fields["commune"].queryset) == [commune]


def test_commune_must_belong_to_district(client, units):
    other_commune = factories.CommuneFactory(name="Xã Khác")  # in another district
    product = stocked_product()
    start_guest_checkout(client, product)
    response = client.post(
        reverse("checkout:shipping-address"), address(units, commune=other_commune.pk)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["commune"]
    assert "new_address_fields" not in client.session["checkout_data"].get("shipping", {})


def test_bad_phone_is_refused(client, units):
    product = stocked_product()
    start_guest_checkout(client, product)
    response = client.post(
        reverse("checkout:shipping-address"), address(units, phone_number="12345")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["phone_number"]


def test_refresh_lists_districts_of_chosen_province_without_js(client, units):
    province, district, _commune = units
    factories.DistrictFactory(
        parent=factories.ProvinceFactory(code=48, name="Thành phố Đà Nẵng"), name="Quận Hải Châu"
    )
    product = stocked_product()
    start_guest_checkout(client, product)
    response = client.post(
        reverse("checkout:shipping-address"),
        dict(ADDRESS, province=province.pk, refresh_units="1"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Huyện Sơn Tịnh" in page
    assert "Quận Hải Châu" not in page


def test_basket_changed_in_another_tab_is_not_placed_with_stale_totals(client):
    product = stocked_product(num_in_stock=10, title="Mạch nha Thi Phổ")
    to_payment_method(client, product, 1)
    choose(client, "cod")
    preview = client.get(reverse("checkout:preview"))
    stale_hash = preview.context["basket_hash"]
    add_to_basket(client, product, 2)  # another tab adds two more
    response = client.post(
        reverse("checkout:preview"), {"action": "place_order", "basket_hash": stale_hash}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("checkout:preview")
    assert not Order.objects.exists()
    page = client.get(reverse("checkout:preview")).content.decode()
    assert "Giỏ hàng của bạn đã thay đổi" in page
    assert place(client).status_code == 302
    order = Order.objects.get()
    assert order.lines.get().quantity == 3


def test_nothing_to_pay_skips_the_payment_step(client):
    product = stocked_product(num_in_stock=5, price=Decimal("0"))
    product.product_class.requires_shipping = False
    product.product_class.save()
    add_to_basket(client, product)
    client.post(reverse("checkout:index"), {"username": "an@example.vn", "options": "anonymous"})
    for url in ("checkout:shipping-address", "checkout:shipping-method", "checkout:payment-method"):
        response = client.get(reverse(url))
        assert response.status_code == 302
    assert response["Location"] == reverse("checkout:preview")
    assert place(client).status_code == 302
    order = Order.objects.get()
    assert order.status == services.PROCESSING
    assert not order.sources.exists()
