"""A supermarket buyer uploads a bulk order CSV, checks out on net-30 terms with a PO number and
downloads the VAT invoice, in a real Chromium."""

import io
import re
from decimal import Decimal

import pytest
from oscar.core.loading import get_model
from playwright.sync_api import expect
from pypdf import PdfReader

from shop.wholesale.models import BusinessOrder
from tests.browser.test_checkout_vietqr import fill_shipping_address, sign_in
from tests.factories import CommuneFactory
from tests.wholesale import helpers

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

Order = get_model("order", "Order")


def test_supermarket_buyer_orders_by_csv_on_net_30_and_downloads_the_invoice(
    page, live_server, tmp_path
):
    CommuneFactory(name="Xã Tịnh Hà")
    buyer = helpers.user("thumua@sieuthi.vn")
    company = helpers.business(buyer=buyer, terms="net30", credit_limit=Decimal("100000000"))
    helpers.wholesale_product()
    helpers.wholesale_product(
        sku="NUOC-MAM-SH", title="Nước mắm Sa Huỳnh", min_quantity=24, case_size=24
    )
    sign_in(page, buyer, live_server)

    # The template, then a file with a bad row: nothing is added, the row is named.
    page.goto("/wholesale/quick-order/")
    with page.expect_download() as template:
        page.click("[data-testid=csv-template]")
    assert template.value.path().read_text(encoding="utf-8-sig").startswith("sku,quantity")
    bad = tmp_path / "sai.csv"
    bad.write_text("sku,quantity\nMN-THIPHO,60\nNUOC-MAM-SH,30\n", encoding="utf-8")
    page.set_input_files("input[name=file]", str(bad))
    page.click("[data-testid=csv-submit]")
    expect(page.get_by_test_id("row-errors")).to_contain_text("Dòng 3")
    expect(page.get_by_test_id("row-errors")).to_contain_text("thùng 24")

    good = tmp_path / "don-hang.csv"
    good.write_text("sku,quantity\nMN-THIPHO,204\nNUOC-MAM-SH,48\n", encoding="utf-8")
    page.set_input_files("input[name=file]", str(good))
    page.click("[data-testid=csv-submit]")
    page.wait_for_url(re.compile(r"/basket/"))
    body = page.locator("body")
    expect(body).to_contain_text("Mạch nha Thi Phổ")
    expect(body).to_contain_text("88.000")  # 200+ tier: 80.000 + 10% VAT

    # Checkout: address, shipping, on account with a PO number and a store.
    page.goto("/checkout/")
    fill_shipping_address(page)
    if "/checkout/shipping-method/" in page.url:
        page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/checkout/payment-method/"))
    page.locator("input[name=method][value=on_account]").check()
    page.fill("input[name=business-po_number]", "PO-ST-2026-118")
    page.locator("select[name=business-store]").select_option(index=1)
    page.click("[data-testid=payment-method-continue]")
    page.wait_for_url(re.compile(r"/checkout/preview/"))
    expect(page.get_by_test_id("preview-business-order")).to_contain_text("PO-ST-2026-118")
    page.click("#place-order")

    # Confirmation with the invoice, downloaded and read.
    page.wait_for_url(re.compile(r"/checkout/thank-you/"))
    order = Order.objects.get()
    assert order.status == "processing"
    business_order = BusinessOrder.objects.get(order=order)
    assert business_order.payment_terms == "net30"
    assert business_order.business == company
    invoice = business_order.invoice
    with page.expect_download() as download:
        page.click("[data-testid=invoice-download]")
    pdf = download.value.path().read_bytes()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    for expected in (
        invoice.display_number,
        "PO-ST-2026-118",
        "Siêu thị Sông Trà",
        "0100109106",
        "Mạch nha Thi Phổ",
        "80.000 ₫",
        "Nước mắm Sa Huỳnh",
        "Công nợ 30 ngày theo hóa đơn",
        f"{int(invoice.total_incl_tax):,}".replace(",", ".") + " ₫",
    ):
        assert expected in text, expected
    assert page.external_requests == []
