"""A guest buys a demo gift bundle with a gift message and gift wrapping for someone else in a
real Chromium (cash on delivery refused for such a gift, so by bank transfer), and sees the
bundle and the message on the confirmation."""

import re

import pytest
from oscar.core.loading import get_model
from playwright.sync_api import expect

from shop.bundles import services
from shop.bundles.models import GiftOptions

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

MESSAGE = "Chúc ba mẹ năm mới an khang!"


def test_guest_buys_a_gift_bundle_with_a_message(page, demo_data):
    Product = get_model("catalogue", "Product")
    gift = Product.objects.get(title="Hộp quà Tết Quảng Ngãi")
    components = services.components_of(gift)
    before = {
        c.product_id: services.free_stock(services.selling_stockrecord(c.product))
        for c in components
    }

    # The gift collection leads to the bundle; its page lists the components.
    page.goto("/gifts/?occasion=tet")
    page.locator("#gift-bundles a", has_text="Hộp quà Tết Quảng Ngãi").first.click()
    page.wait_for_url(re.compile(re.escape(gift.get_absolute_url())))
    expect(page.get_by_test_id("bundle-component")).to_have_count(len(components))
    expect(page.locator("#bundle-components")).to_contain_text("Mạch nha Thi Phổ")
    expect(page.locator("#bundle-availability .availability")).to_contain_text("Trong kho (còn ")

    page.locator("#add_to_basket_form button[type=submit]").click()
    page.goto("/basket/")
    expect(page.locator("body")).to_contain_text("Hộp quà Tết Quảng Ngãi")
    page.locator("a[href='/checkout/']").last.click()

    page.locator("input[name=username]").fill("nguoitang@example.vn")
    page.locator("input[name=options][value=anonymous]").check()
    page.locator("form button[type=submit]").first.click()

    # The recipient's name and phone as the delivery address.
    page.wait_for_url(re.compile("/checkout/shipping-address/"))
    page.locator("#id_first_name").fill("Hoa")
    page.locator("#id_last_name").fill("Trần")
    page.locator("#id_phone_number").fill("0905 123 456")
    with page.expect_navigation():
        page.locator("#id_province").select_option(label="Tỉnh Quảng Ngãi")
    expect(page.locator("#id_district option", has_text="Huyện Mộ Đức")).to_have_count(1)
    with page.expect_navigation():
        page.locator("#id_district").select_option(label="Huyện Mộ Đức")
    expect(page.locator("#id_commune option").nth(1)).to_be_attached()
    page.locator("#id_commune").select_option(index=1)
    page.locator("#id_line1").fill("5 Nguyễn Huệ")
    page.locator("#new_shipping_address button.btn-primary").click()

    page.wait_for_url(re.compile("/checkout/shipping-method/"))
    page.locator("form[action='/checkout/shipping-method/'] button").first.click()
    page.wait_for_url(re.compile("/checkout/payment-method/"))
    page.locator("input[name=method][value=cod]").check()
    page.get_by_test_id("payment-method-continue").click()

    # Gift options from the preview: message, sender, someone else, wrapping.
    page.wait_for_url(re.compile("/checkout/preview/"))
    page.get_by_test_id("gift-options-link").click()
    page.wait_for_url(re.compile("/gifts/options/"))
    page.locator("#id_message").fill(MESSAGE)
    page.locator("#id_sender_name").fill("Con gái Lan")
    page.locator("#id_recipient_is_other").check()
    page.locator("#id_wrapping").check()
    page.get_by_test_id("gift-options-save").click()

    # Cash on delivery would make the recipient pay: the buyer is asked to choose again.
    page.wait_for_url(re.compile("/checkout/payment-method/"))
    expect(page.locator(".alert-warning")).to_contain_text("không thể thanh toán khi nhận hàng")
    expect(page.get_by_test_id("gift-cod-note")).to_be_visible()
    page.locator("input[name=method][value=bank_transfer]").check()
    page.get_by_test_id("payment-method-continue").click()

    page.wait_for_url(re.compile("/checkout/preview/"))
    expect(page.get_by_test_id("preview-gift-message")).to_contain_text(MESSAGE)
    expect(page.locator("body")).to_contain_text("Gói quà")
    page.locator("#place-order").click()

    page.wait_for_url(re.compile("/checkout/thank-you/"))
    Order = get_model("order", "Order")
    order = Order.objects.get()
    expect(page.locator("body")).to_contain_text(order.number)
    expect(page.locator("body")).to_contain_text("Hộp quà Tết Quảng Ngãi")
    expect(page.get_by_test_id("order-gift-message")).to_contain_text(MESSAGE)
    assert page.external_requests == []

    # One bundle line for the buyer; every component's stock allocated.
    assert order.lines.count() == 1
    assert order.guest_email == "nguoitang@example.vn"
    options = GiftOptions.objects.get(order=order)
    assert options.message == MESSAGE and options.wrapping and options.recipient_is_other
    assert order.surcharges.get().code == services.GIFT_WRAPPING_CODE
    for component in components:
        after = services.free_stock(
            type(services.selling_stockrecord(component.product)).objects.get(
                pk=services.selling_stockrecord(component.product).pk
            )
        )
        assert after == before[component.product_id] - component.quantity


def test_the_bundle_page_follows_its_stock_live(page, demo_data):
    """A component sells out while the page is open: the refreshed availability says so and
    the add-to-basket button waits; stock back, it can be used again."""
    Product = get_model("catalogue", "Product")
    StockRecord = get_model("partner", "StockRecord")
    gift = Product.objects.get(title="Hộp quà Tết Quảng Ngãi")
    record = services.selling_stockrecord(services.components_of(gift)[0].product)
    page.goto(gift.get_absolute_url())
    button = page.locator("#add_to_basket_form [type=submit]")
    expect(button).to_be_enabled()

    StockRecord.objects.filter(pk=record.pk).update(num_allocated=record.num_in_stock)
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    expect(page.locator("#bundle-availability")).to_have_attribute("data-available", "0")
    expect(page.locator("#bundle-availability .availability")).to_contain_text("Không")
    expect(button).to_be_disabled()

    StockRecord.objects.filter(pk=record.pk).update(num_allocated=record.num_allocated)
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    expect(button).to_be_enabled()
