"""Business orders through the checkout: PO number, delivery date, store, on-account payment
within the credit limit, VAT invoice."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model
from pypdf import PdfReader

from shop.wholesale.models import BusinessOrder, Invoice
from tests.checkout.test_flow import address, place

from . import helpers

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")


def to_payment_method(client, rows="MN-THIPHO, 60"):
    from tests import factories

    province = factories.ProvinceFactory()
    district = factories.DistrictFactory(parent=province)
    commune = factories.CommuneFactory(parent=district)
    response = client.post(reverse("wholesale:quick-order"), {"rows": rows})
    assert response.status_code == 302
    response = client.get(reverse("checkout:index"))
    assert response.status_code == 302
    response = client.post(
        reverse("checkout:shipping-address"), address((province, district, commune))
    )
    assert response.status_code == 302, response.context["form"].errors
    response = client.get(reverse("checkout:shipping-method"))
    if response.status_code == 200:
        code = response.context["methods"][0].code
        response = client.post(reverse("checkout:shipping-method"), {"method_code": code})
    assert response.status_code == 302


@pytest.fixture
def company(client):
    buyer = helpers.user()
    business = helpers.business(buyer=buyer, credit_limit=Decimal("20000000"))
    helpers.wholesale_product()
    client.force_login(buyer)
    return business


def business_choice(client, method="on_account", po="PO-2026-0042", **extra):
    store = extra.pop("store", None)
    data = {
        "method": method,
        "business-po_number": po,
        "business-delivery_date": (timezone.localdate() + datetime.timedelta(days=5)).isoformat(),
        "business-store": store.pk if store else "",
    }
    data.update(extra)
    return client.post(reverse("checkout:payment-method"), data)


def test_net_30_business_orders_on_account_with_po_number_and_gets_an_invoice(client, company):
    to_payment_method(client)
    page = client.get(reverse("checkout:payment-method"))
    methods = [value for value, _label in page.context["form"].fields["method"].choices]
    assert methods[0] == "on_account"
    store = company.stores.get()
    response = business_choice(client, store=store)
    assert response.status_code == 302
    preview = client.get(reverse("checkout:preview"))
    assert "PO-2026-0042" in preview.content.decode()
    response = place(client)
    assert response.status_code == 302, response
    order = Order.objects.get()
    assert order.status == "processing"
    assert order.total_incl_tax == Decimal("99000") * 60 + order.shipping_incl_tax
    business_order = BusinessOrder.objects.get(order=order)
    assert business_order.po_number == "PO-2026-0042"
    assert business_order.store == store
    assert business_order.payment_terms == "net30"
    invoice = business_order.invoice
    assert invoice.number == 1
    assert invoice.due_date == timezone.localdate() + datetime.timedelta(days=30)
    assert invoice.total_incl_tax == order.total_incl_tax
    thank_you = client.get(reverse("checkout:thank-you"))
    assert "OCOP-0000001" in thank_you.content.decode()


def test_the_po_number_is_required(client, company):
    to_payment_method(client)
    response = business_choice(client, po="  ")
    assert response.status_code == 200
    assert response.context["business_form"].errors["po_number"]


def test_an_order_beyond_the_credit_limit_is_refused_with_a_clear_message(client, company):
    company.credit_limit = Decimal("5000000")
    company.save()
    to_payment_method(client)  # 60 × 99.000 = 5.940.000 > 5.000.000
    business_choice(client)
    response = place(client)
    assert response.status_code == 302
    assert not Order.objects.exists()
    assert not Invoice.objects.exists()
    page = client.get(response.url)
    body = page.content.decode()
    assert "hạn mức công nợ" in body
    assert "5.000.000" in body


def test_open_invoices_count_against_the_credit(client, company):
    to_payment_method(client)
    business_choice(client)
    place(client)
    first = Invoice.objects.get()
    company.credit_limit = first.total_incl_tax + Decimal("1000000")
    company.save()
    to_payment_method(client)
    business_choice(client, po="PO-2")
    response = place(client)
    assert Order.objects.count() == 1
    assert "hạn mức công nợ" in client.get(response.url).content.decode()


def test_prepaid_businesses_and_consumers_are_not_offered_on_account(client, company):
    company.payment_terms = "prepaid"
    company.save()
    to_payment_method(client)
    page = client.get(reverse("checkout:payment-method"))
    methods = [value for value, _label in page.context["form"].fields["method"].choices]
    assert "on_account" not in methods
    response = business_choice(client)
    assert response.status_code == 200
    assert not Order.objects.exists()


def test_the_vat_invoice_pdf_has_the_figures(client, company):
    to_payment_method(client)
    business_choice(client)
    place(client)
    invoice = Invoice.objects.get()
    response = client.get(reverse("wholesale:invoice-pdf", kwargs={"number": invoice.number}))
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in (
        "HÓA ĐƠN GIÁ TRỊ GIA TĂNG",
        "OCOP-0000001",
        "Siêu thị Sông Trà",
        "0100109106",
        "Công ty TNHH Chợ OCOP Quảng Ngãi",
        "4300123458",
        "PO-2026-0042",
        "Mạch nha Thi Phổ",
        "90.000 ₫",  # unit price before VAT (tier 50–199)
        "5.400.000 ₫",  # 60 × 90.000
        "10%",
        "540.000 ₫",  # VAT
        "5.940.000 ₫",
    ):
        assert expected in text, expected


def test_other_buyers_cannot_download_the_invoice(client, company):
    to_payment_method(client)
    business_choice(client)
    place(client)
    invoice = Invoice.objects.get()
    other = helpers.user("khac@example.vn")
    client.force_login(other)
    response = client.get(reverse("wholesale:invoice-pdf", kwargs={"number": invoice.number}))
    assert response.status_code == 404
