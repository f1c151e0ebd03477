"""A purchase paid by VietQR bank transfer in Chromium, up to staff marking it paid.

Guest buys → chooses bank transfer → the confirmation page shows the VietQR code (the image
the browser loaded decodes to the order's NAPAS payload), the account, the exact amount and
the order number as transfer note → staff find the order in the dashboard and mark it paid
with the bank's reference → the order is paid, its stock stays sold.
"""

import io
import re
from decimal import Decimal

import pytest
import zxingcpp
from django.test import Client
from oscar.core.loading import get_model
from PIL import Image
from playwright.sync_api import expect
from vietnam_qr_pay import QRPay

from tests.checkout.helpers import stocked_product
from tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")


def sign_in(page, user, live_server):
    """Give the browser a session of ``user`` (the login form is not what is tested here)."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def choose_first(page, name):
    """Pick the first unit; choosing a province or district reloads the lists below it."""
    select = page.locator(f"select[name={name}]")
    if not select.count():
        return
    expect(select.locator("option").nth(1)).to_be_attached()
    if name in ("province", "district"):
        with page.expect_navigation():
            select.select_option(index=1)
    else:
        select.select_option(index=1)


def fill_shipping_address(page):
    page.wait_for_url(re.compile(r"/checkout/shipping-address/"))
    for name in ("province", "district", "commune"):
        choose_first(page, name)
    page.fill("input[name=first_name]", "Lan")
    page.fill("input[name=last_name]", "Nguyễn")
    page.fill("input[name=phone_number]", "0912345678")
    page.fill("input[name=line1]", "12 Lê Lợi")
    if page.locator("input[name=line4]").count():  # a plain city field, if the form has one
        page.fill("input[name=line4]", "Quảng Ngãi")
    country = page.locator("select[name=country]")
    if country.count():
        country.select_option("VN")
    page.locator("form button[type=submit]:not([name=refresh_units])").first.click()


def test_guest_pays_by_vietqr_and_staff_mark_it_paid(page, live_server, django_user_model):
    product = stocked_product(num_in_stock=5, price=Decimal("125000"), title="Tỏi Lý Sơn")
    CommuneFactory(name="Xã An Vĩnh")  # with its district and the province of Quảng Ngãi

    # The buyer puts a bag in the basket and checks out as a guest.
    page.goto(product.get_absolute_url())
    with page.expect_navigation():  # the basket post completes before the next page
        page.locator("#add_to_basket_form button[type=submit]").click()
    page.goto("/checkout/")
    page.fill("input[name=username]", "lan@example.vn")
    page.locator("input[name=options][value=anonymous]").check()
    page.locator("form button[type=submit]").first.click()

    # Vietnamese shipping address.
    fill_shipping_address(page)

    # Shipping method (skipped by the checkout when only one applies), then payment method.
    if "/checkout/shipping-method/" in page.url:
        page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/checkout/payment-method/"))
    page.locator("input[name=method][value=bank_transfer]").check()
    page.click("[data-testid=payment-method-continue]")
    page.wait_for_url(re.compile(r"/checkout/preview/"))
    page.click("#place-order")

    # Confirmation: everything needed to pay, and the QR code of exactly this order.
    page.wait_for_url(re.compile(r"/checkout/thank-you/"))
    order = Order.objects.get()
    assert order.status == "pending_payment"
    total = f"{int(order.total_incl_tax):,}".replace(",", ".") + "\u00a0₫"
    instructions = page.locator("#bank-transfer-instructions")
    expect(instructions).to_contain_text("Thanh toán bằng chuyển khoản ngân hàng (VietQR)")
    expect(instructions.locator("[data-testid=account-number]")).to_have_text("0123456789")
    expect(instructions.locator("[data-testid=transfer-amount]")).to_have_text(total)
    expect(instructions.locator("[data-testid=transfer-note]")).to_contain_text(order.number)
    expect(instructions.locator("[data-testid=transfer-deadline]")).to_contain_text(
        re.compile(r"\d{2}:\d{2} \d{2}/\d{2}/20\d{2}")
    )
    image = instructions.locator("[data-testid=vietqr-image]")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    png = page.request.get(image.get_attribute("src")).body()
    (decoded,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    payload = QRPay(decoded.text)
    assert payload.is_valid
    assert payload.consumer.bank_bin == "970436"
    assert payload.consumer.bank_number == "0123456789"
    assert payload.amount == str(int(order.total_incl_tax))
    assert payload.additional_data.purpose == order.number
    assert StockRecord.objects.get(product=product).num_allocated == 1

    # Staff see the money on the account and mark the order paid in the dashboard.
    staff = django_user_model.objects.create_superuser("staff", "staff@ocop.local", "x")
    sign_in(page, staff, live_server)
    page.goto(f"/dashboard/orders/{order.number}/")
    panel = page.locator("#bank-transfer-panel")
    expect(panel).to_contain_text(f"Đang chờ khoản chuyển {total} với nội dung {order.number}")
    expect(panel.locator("input[name=amount]")).to_have_value(str(int(order.total_incl_tax)))
    panel.locator("input[name=reference]").fill("FT26333123456")
    panel.locator("[data-testid=mark-transfer-paid]").click()
    expect(page.locator(".alert-success")).to_contain_text(
        f"Đơn hàng {order.number} đã được đánh dấu đã thanh toán"
    )
    expect(page.locator("#bank-transfer-panel")).not_to_contain_text("Đánh dấu đã thanh toán")

    order.refresh_from_db()
    assert order.status == "paid"
    assert order.payment_events.get().reference == "FT26333123456"
    assert StockRecord.objects.get(product=product).num_allocated == 1
    assert page.external_requests == []
