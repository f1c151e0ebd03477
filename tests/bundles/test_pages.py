"""Gift bundle pages: product page, gift collection, live availability, gift options at
checkout (wrapping surcharge, message kept on the order) and the packing slip."""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.bundles import services
from shop.bundles.models import GiftOptions, GiftWrapping
from tests.bundles.helpers import bundle, component, occasion
from tests.checkout.helpers import ensure_vietnam
from tests.checkout.test_flow import choose, place, to_payment_method

pytestmark = pytest.mark.django_db

StockRecord = get_model("partner", "StockRecord")


@pytest.fixture
def gift():
    garlic = component(num_in_stock=9, price=Decimal("100000"), title="Tỏi Lý Sơn", stars=4)
    syrup = component(num_in_stock=4, price=Decimal("50000"), title="Mạch nha Thi Phổ")
    return bundle([(garlic, 3), (syrup, 1)], title="Hộp quà Tết Lý Sơn")


def test_bundle_page_lists_components_with_badges_and_producers(client, gift):
    page = client.get(gift.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tỏi Lý Sơn" in html and "Mạch nha Thi Phổ" in html
    assert html.count('data-testid="bundle-component"') == 2
    assert "ocop-badge" in html
    for component_ in services.components_of(gift):
        assert services.selling_stockrecord(component_.product).partner.name in html
    assert "Quà Tết" in html
    assert "Trong kho (còn 3)" in html  # 9 // 3 garlic


def test_a_component_withdrawn_from_the_shop_sells_the_bundle_out(client, gift):
    syrup = next(c.product for c in services.components_of(gift) if c.quantity == 1)
    syrup.is_public = False
    syrup.save()
    html = client.get(gift.get_absolute_url()).content.decode()
    assert 'data-testid="component-withdrawn"' in html and "Ngừng bán" in html
    assert syrup.get_absolute_url() not in html
    assert client.get(reverse("gifts:availability", args=[gift.pk])).json()["available"] == 0


def test_availability_json_is_live(client, gift):
    url = reverse("gifts:availability", kwargs={"pk": gift.pk})
    assert client.get(url).json()["available"] == 3
    StockRecord.objects.filter(product__title="Mạch nha Thi Phổ").update(num_allocated=3)
    data = client.get(url).json()
    assert data["available"] == 1
    assert data["is_available"] is True
    for other in (999999, services.components_of(gift)[0].product_id):
        missing = client.get(reverse("gifts:availability", kwargs={"pk": other}))
        assert missing.status_code == 404 and missing["Content-Type"] == "application/json"
        assert missing.json()["error"]


def test_gift_collection_by_occasion_and_price(client, gift):
    corporate = bundle(
        [(component(price=Decimal("900000")), 1)],
        title="Quà doanh nghiệp cao cấp",
        occasion=occasion("doanh-nghiep"),
    )
    url = reverse("gifts:collection")
    everything = client.get(url).content.decode()
    assert "Hộp quà Tết Lý Sơn" in everything and "Quà doanh nghiệp cao cấp" in everything
    tet = client.get(url, {"occasion": "tet"}).content.decode()
    assert "Hộp quà Tết Lý Sơn" in tet and "Quà doanh nghiệp cao cấp" not in tet
    cheap = client.get(url, {"price": "300k-600k"}).content.decode()
    assert "Hộp quà Tết Lý Sơn" in cheap and corporate.title not in cheap
    assert client.get(url, {"price": "bogus", "occasion": "nope"}).status_code == 200
    assert client.get("/en/gifts/").status_code == 200
    assert 'href="/gifts/"' in client.get("/").content.decode()


def test_in_stock_filter_follows_the_components(client, gift):
    from tests.catalogue.test_browse import card_titles

    url = reverse("catalogue:index")
    assert "Hộp quà Tết Lý Sơn" in card_titles(client.get(url, {"in_stock": "on"}))
    # 9 garlic, 3 per bundle: 7 allocated leaves 2, not enough for one bundle, though the
    # garlic itself is still in stock.
    StockRecord.objects.filter(product__title="Tỏi Lý Sơn").update(num_allocated=7)
    titles = card_titles(client.get(url, {"in_stock": "on"}))
    assert "Hộp quà Tết Lý Sơn" not in titles and "Tỏi Lý Sơn" in titles
    assert "Hộp quà Tết Lý Sơn" in card_titles(client.get(url))
    StockRecord.objects.filter(product__title="Tỏi Lý Sơn").update(num_allocated=6)
    assert "Hộp quà Tết Lý Sơn" in card_titles(client.get(url, {"in_stock": "on"}))
    emptied = bundle([(component(), 1)], title="Hộp quà rỗng")
    emptied.gift_bundle.components.all().delete()
    assert emptied.title not in card_titles(client.get(url, {"in_stock": "on"}))


def test_gift_options_add_wrapping_and_are_kept_on_the_order(client, gift):
    ensure_vietnam()
    GiftWrapping.objects.update(price=Decimal("25000"))
    to_payment_method(client, gift, 1, email="nguoimua@example.vn")
    response = client.post(
        reverse("gifts:options"),
        {
            "message": "Chúc mừng năm mới!",
            "sender_name": "Lan",
            "recipient_is_other": "on",
            "wrapping": "on",
            "next": reverse("checkout:preview"),
        },
    )
    assert response.status_code == 302
    choose(client, "bank_transfer")  # a gift for someone else is not paid on delivery
    preview = client.get(reverse("checkout:preview"))
    html = preview.content.decode()
    assert "Chúc mừng năm mới!" in html
    assert "25.000" in html
    total = preview.context["order_total"].incl_tax
    basket_hash = preview.context["basket_hash"]
    placed = client.post(
        reverse("checkout:preview"), {"action": "place_order", "basket_hash": basket_hash}
    )
    assert placed.status_code == 302, placed
    options = GiftOptions.objects.get()
    assert options.message == "Chúc mừng năm mới!"
    assert options.wrapping and options.wrapping_price == Decimal("25000")
    assert options.recipient_is_other
    order = options.order
    assert order.total_incl_tax == total
    assert order.guest_email == "nguoimua@example.vn"
    assert order.surcharges.get().incl_tax == Decimal("25000")
    thanks = client.get(reverse("checkout:thank-you")).content.decode()
    assert "Chúc mừng năm mới!" in thanks

    # The guest's order status page (the link in the emails) adds up, wrapping included.
    status_url = reverse("customer:anon-order", args=[order.number, order.verification_hash()])
    asked = client.get(status_url)  # the guest confirms the order's email address first
    assert asked.status_code == 302
    page = client.post(asked.url, {"email": "nguoimua@example.vn"}, follow=True)
    assert page.redirect_chain[-1][0] == status_url
    html = page.content.decode()
    assert 'data-testid="order-surcharge"' in html and "25.000" in html
    assert order.basket_total_incl_tax + order.shipping_incl_tax + Decimal("25000") == total
    assert "Chờ thanh toán" in html and ">pending_payment<" not in html  # status in words
    assert "Chúc mừng năm mới!" in html
    delivery = html.split('id="order-delivery"')[1].split("</table>")[0]
    for place_line in order.shipping_address.place_lines:
        assert delivery.count(place_line) == 1, place_line


def test_a_gift_for_someone_else_is_not_paid_on_delivery(client, gift):
    from oscar.apps.checkout.utils import CheckoutSessionData

    ensure_vietnam()
    to_payment_method(client, gift, 1, email="nguoimua@example.vn")
    assert choose(client, "cod").status_code == 302  # for the buyer: fine
    response = client.post(
        reverse("gifts:options"),
        {"recipient_is_other": "on", "next": reverse("checkout:preview")},
        follow=True,
    )
    # The COD choice is dropped and the buyer asked to choose again, told why.
    assert response.redirect_chain[-1][0] == reverse("checkout:payment-method")
    assert "không thể thanh toán khi nhận hàng" in response.content.decode()
    refused = choose(client, "cod")
    assert refused.status_code == 200 and refused.context["form"].errors["method"]
    # Even with COD forced into the session, the order is not placed on COD.
    session = client.session
    request = type("R", (), {"session": session})()
    CheckoutSessionData(request).pay_by("cod")
    session.save()
    placed = place(client)  # from the preview, with its basket hash
    assert placed.status_code == 302 and placed.url == reverse("checkout:payment-method")
    assert not get_model("order", "Order").objects.exists()
    assert choose(client, "bank_transfer").status_code == 302


def test_gift_options_form_refuses_a_too_long_message(client, gift):
    to_payment_method(client, gift, 1, email="a@example.vn")
    response = client.post(reverse("gifts:options"), {"message": "x" * 501})
    assert response.status_code == 400
    assert services.session_gift_options(response.wsgi_request) == {}


def _gift_order(gift):
    from tests.checkout.helpers import basket_with, place

    ensure_vietnam()
    order = place(basket_with(gift, 1))
    GiftOptions.objects.create(order=order, message="Thân tặng", recipient_is_other=True)
    return order


def test_packing_slip_staff_see_everything_without_prices(client, gift):
    order = _gift_order(gift)
    staff = factories_user(is_staff=True)
    client.force_login(staff)
    html = client.get(reverse("gifts:packing-slip", args=[order.number])).content.decode()
    assert "Tỏi Lý Sơn" in html and "Mạch nha Thi Phổ" in html
    assert "Thân tặng" in html
    assert "₫" not in html  # a gift's slip shows no prices


def test_packing_slip_producer_sees_only_its_components(client, gift):
    order = _gift_order(gift)
    garlic_partner = StockRecord.objects.get(product__title="Tỏi Lý Sơn").partner
    user = factories_user()
    garlic_partner.users.add(user)
    client.force_login(user)
    html = client.get(reverse("gifts:packing-slip", args=[order.number])).content.decode()
    assert "Tỏi Lý Sơn" in html and "Mạch nha Thi Phổ" not in html
    stranger = factories_user()
    client.force_login(stranger)
    assert client.get(reverse("gifts:packing-slip", args=[order.number])).status_code == 404


def factories_user(**kwargs):
    from django.contrib.auth import get_user_model

    n = get_user_model().objects.count() + 1
    return get_user_model().objects.create_user(
        username=f"u{n}", email=f"u{n}@example.vn", password="x-Secret-123", **kwargs
    )


def test_demo_bundles_leave_the_programme_figures_alone(demo_data):
    from shop.programme.services import programme_figures

    assert services.bundle_products().count() == 3
    figures = programme_figures()
    assert figures["certified_products"] == 61
    assert figures["producers"] == 31
    for product in services.bundle_products():
        assert product.ocop is None
        assert services.bundle_availability(product) > 0
        image = product.primary_image()
        assert image.original.name.endswith(".jpg"), product.title  # not the placeholder


def test_dashboard_order_page_shows_what_each_producer_ships(client, gift):
    order = _gift_order(gift)
    staff = factories_user(is_staff=True, is_superuser=True)
    client.force_login(staff)
    html = client.get(reverse("dashboard:order-detail", args=[order.number])).content.decode()
    assert 'id="order-bundles-panel"' in html
    assert "Thân tặng" in html
    assert reverse("gifts:packing-slip", args=[order.number]) in html


def test_customer_order_page_shows_the_gift_message(client, gift):
    from tests.checkout.helpers import basket_with, place

    ensure_vietnam()
    buyer = factories_user()
    order = place(basket_with(gift, 1, owner=buyer), user=buyer)
    GiftOptions.objects.create(order=order, message="Tặng bà ngoại")
    client.force_login(buyer)
    html = client.get(reverse("customer:order", args=[order.number])).content.decode()
    assert "Tặng bà ngoại" in html
