"""A producer runs its shop in Chromium: signs in, adds a product, sets its stock by CSV, sees a
new order holding its line (and another producer's, which it does not see) and ships it."""

import re
from decimal import Decimal

import pytest
from oscar.core.loading import get_model
from playwright.sync_api import expect

from shop.checkout import services as checkout
from tests import factories
from tests.checkout.helpers import basket_with, ensure_vietnam, place
from tests.workspace.helpers import category, make_producer

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Line = get_model("order", "Line")


@pytest.fixture
def tasks_in_process():
    from marketplace.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def test_producer_adds_a_product_sets_stock_by_csv_and_ships_its_line(
    page, live_server, tasks_in_process
):
    ensure_vietnam()
    a = make_producer("HTX Tỏi Lý Sơn", "tois", products=0)
    a.user.set_password("mat-khau-an-toan-1")
    a.user.save()
    b = make_producer("Cơ sở Mạch nha Thi Phổ", "machnha", products=1)
    product_class = factories.ProductClassFactory()
    category()

    # Sign in through the shop's login form, then open the dashboard.
    page.goto("/accounts/login/")
    page.fill("#id_login-username", a.user.email)
    page.fill("#id_login-password", "mat-khau-an-toan-1")
    page.locator("button[name=login_submit]").click()
    page.goto("/dashboard/")
    expect(page.locator("#workspace-summary")).to_be_visible()

    # Add a product with its stock record.
    page.goto(f"/dashboard/catalogue/products/create/{product_class.slug}/")
    page.fill("#id_title", "Tỏi cô đơn Lý Sơn")
    page.fill("#id_upc", "TOI-CO-DON")
    page.locator("a[href='#product_category']").click()
    page.locator("select[name='productcategory_set-0-category']").select_option(
        label="Đặc sản địa phương", force=True
    )
    page.locator("a[href='#product_stock']").click()
    page.fill("input[name='stockrecords-0-partner_sku']", "TOI-1KG")
    page.fill("input[name='stockrecords-0-price']", "180000")
    page.fill("input[name='stockrecords-0-num_in_stock']", "5")
    page.locator("button[name=action][value=save]").first.click()
    page.wait_for_url(re.compile(r"/dashboard/catalogue/(\?.*)?$"))
    product = Product.objects.get(title="Tỏi cô đơn Lý Sơn")
    record = StockRecord.objects.get(product=product)
    assert record.partner_id == a.partner.pk and record.num_in_stock == 5

    # Stock and price by CSV (the template lists the new product).
    page.goto("/dashboard/workspace/stock/import/")
    page.locator("#id_file").set_input_files(
        files=[
            {
                "name": "ton-kho.csv",
                "mimeType": "text/csv",
                "buffer": "sku,title,num_in_stock,price,low_stock_threshold\n"
                "TOI-1KG,Tỏi cô đơn,40,175000,5\n".encode(),
            }
        ]
    )
    page.locator("#stock-import-form button[type=submit]").click()
    expect(page.locator("#import-done")).to_be_visible()
    record.refresh_from_db()
    assert (record.num_in_stock, record.price, record.low_stock_threshold) == (
        40,
        Decimal("175000"),
        5,
    )

    # A customer orders it together with the other producer's product; the order is paid.
    basket = basket_with(product, 2)
    basket.add_product(b.products[0], quantity=1)
    order = place(basket, guest_email="khach@example.vn")
    checkout.mark_order_paid(order, method="card", amount=order.total_incl_tax, reference="pi_x")

    # The producer sees the order with its own line only, and ships it.
    page.goto("/dashboard/orders/")
    row = page.locator(f"tr[data-order='{order.number}']")
    expect(row).to_contain_text("Tỏi cô đơn Lý Sơn")
    expect(row).not_to_contain_text(b.products[0].title)
    row.locator("a").first.click()
    expect(page.locator("#producer-lines")).to_contain_text("Tỏi cô đơn Lý Sơn")
    expect(page.locator("#producer-lines")).not_to_contain_text(b.products[0].title)
    expect(page.locator("#producer-lines tbody tr")).to_have_count(1)
    page.fill("#id_carrier", "Viettel Post")
    page.fill("#id_tracking_number", "VTP123456789")
    page.locator("[data-testid=mark-shipped]").click()
    expect(page.locator("#shipments .tracking-number")).to_have_text("VTP123456789")
    expect(page.locator("#producer-lines .line-status")).to_have_attribute("data-status", "shipped")
    expect(page.locator("#producer-lines .line-status")).to_have_text("Đang giao hàng")

    own = Line.objects.get(order=order, partner=a.partner)
    other = Line.objects.get(order=order, partner=b.partner)
    assert own.status == "shipped" and other.status == "paid"
    assert page.external_requests == []


def test_producer_ships_its_part_of_a_gift_bundle(page, live_server, tasks_in_process):
    from shop.bundles.models import OrderLineComponent
    from tests.bundles.helpers import bundle

    ensure_vietnam()
    a = make_producer("HTX Tỏi Lý Sơn", "tois", products=1)
    b = make_producer("Cơ sở Mạch nha Thi Phổ", "machnha", products=1)
    b.user.set_password("mat-khau-an-toan-1")
    b.user.save()
    gift = bundle([(a.products[0], 2), (b.products[0], 1)], title="Hộp quà Tết Quảng Ngãi")
    order = place(basket_with(gift, 3), guest_email="khach@example.vn")
    checkout.mark_order_paid(order, method="card", amount=order.total_incl_tax, reference="pi_g")

    page.goto("/accounts/login/")
    page.fill("#id_login-username", b.user.email)
    page.fill("#id_login-password", "mat-khau-an-toan-1")
    page.locator("button[name=login_submit]").click()
    page.goto("/dashboard/orders/?status=to_ship")
    row = page.locator(f"tr[data-order='{order.number}']")
    expect(row).to_contain_text(b.products[0].title)
    expect(row).to_contain_text("Hộp quà Tết Quảng Ngãi")
    expect(row).not_to_contain_text(a.products[0].title)
    row.locator("a").first.click()
    lines = page.locator("#producer-lines")
    expect(lines.locator("tbody tr")).to_have_count(1)
    expect(lines).to_contain_text(b.products[0].title)
    expect(lines).not_to_contain_text(a.products[0].title)
    expect(lines.locator("tbody tr td").nth(3)).to_have_text("3")  # 3 bundles × 1
    page.fill("#id_carrier", "Viettel Post")
    page.fill("#id_tracking_number", "VTP-QUA-1")
    page.locator("[data-testid=mark-shipped]").click()
    expect(page.locator("#shipments .tracking-number")).to_have_text("VTP-QUA-1")
    expect(lines.locator(".line-status")).to_have_attribute("data-status", "shipped")

    component = OrderLineComponent.objects.get(line__order=order, partner=b.partner)
    assert component.status == "shipped"
    assert component.line.status == "paid"  # A's part has not left yet
    assert page.external_requests == []
