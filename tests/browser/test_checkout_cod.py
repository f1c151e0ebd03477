"""A guest buys a demo product cash on delivery, in a real Chromium, up to the confirmation."""

import re

import pytest
from oscar.core.loading import get_model
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_guest_buys_with_cash_on_delivery(page, demo_data):
    Product = get_model("catalogue", "Product")
    product = Product.objects.get(title="Mạch nha Thi Phổ")

    page.goto(product.get_absolute_url())
    page.locator("#add_to_basket_form button[type=submit]").click()
    page.goto("/basket/")
    expect(page.locator("body")).to_contain_text("Mạch nha Thi Phổ")
    page.locator("a[href='/checkout/']").last.click()

    # Guest checkout with an email.
    page.locator("input[name=username]").fill("khach@example.vn")
    page.locator("input[name=options][value=anonymous]").check()
    page.locator("form button[type=submit]").first.click()

    # Vietnamese address: province → district → commune (lists refresh as they are chosen).
    page.wait_for_url(re.compile("/checkout/shipping-address/"))
    page.locator("#id_first_name").fill("Lan")
    page.locator("#id_last_name").fill("Nguyễn")
    page.locator("#id_phone_number").fill("0912 345 678")
    with page.expect_navigation():
        page.locator("#id_province").select_option(label="Tỉnh Quảng Ngãi")
    expect(page.locator("#id_district option", has_text="Huyện Mộ Đức")).to_have_count(1)
    with page.expect_navigation():
        page.locator("#id_district").select_option(label="Huyện Mộ Đức")
    expect(page.locator("#id_commune option").nth(1)).to_be_attached()
    page.locator("#id_commune").select_option(index=1)
    page.locator("#id_line1").fill("12 Lê Lợi")
    page.locator("#new_shipping_address button.btn-primary").click()

    # Shipping: home delivery (first option).
    page.wait_for_url(re.compile("/checkout/shipping-method/"))
    expect(page.locator("body")).to_contain_text("Giao hàng tận nơi")
    page.locator("form[action='/checkout/shipping-method/'] button").first.click()

    # Payment: cash on delivery.
    page.wait_for_url(re.compile("/checkout/payment-method/"))
    page.locator("input[name=method][value=cod]").check()
    page.get_by_test_id("payment-method-continue").click()

    # Preview, then place the order.
    page.wait_for_url(re.compile("/checkout/preview/"))
    expect(page.get_by_test_id("preview-payment-method")).to_contain_text(
        "Thanh toán khi nhận hàng"
    )
    page.locator("#place-order").click()

    page.wait_for_url(re.compile("/checkout/thank-you/"))
    Order = get_model("order", "Order")
    order = Order.objects.get()
    expect(page.locator("body")).to_contain_text(order.number)
    expect(page.locator("body")).to_contain_text("Mạch nha Thi Phổ")
    expect(page.get_by_test_id("cod-instructions")).to_be_visible()
    assert order.status == "processing"
    assert order.shipping_address.line3 == "Huyện Mộ Đức"
