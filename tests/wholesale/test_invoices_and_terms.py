"""Staff verify businesses and set terms, record payments against invoices; overdue invoices
are flagged and their buyers reminded by the periodic task."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from shop.wholesale import services, tasks
from shop.wholesale.models import Business, Invoice

from . import helpers

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")


def staff():
    user = helpers.user("nhanvien@ocop.vn")
    user.is_staff = True
    user.save()
    user.user_permissions.add(Permission.objects.get(codename="change_business"))
    return user


def on_account_order(buyer, company, quantity=60, po="PO-1"):
    return services.place_business_order(
        user=buyer, business=company, rows=[(1, "MN-THIPHO", quantity)], po_number=po
    )


@pytest.fixture
def company():
    from tests.checkout.helpers import ensure_vietnam

    ensure_vietnam()
    buyer = helpers.user()
    business = helpers.business(buyer=buyer)
    helpers.wholesale_product()
    return business


def test_registration_creates_a_pending_business_and_validates_the_tax_code(client):
    user = helpers.user("moi@sieuthi.vn")
    client.force_login(user)
    data = {
        "name": "Siêu thị Mới",
        "kind": "supermarket",
        "tax_code": "0100109107",
        "billing_address": "1 Lê Lợi, Quảng Ngãi",
        "email": "kt@moi.vn",
        "phone": "0255 111 222",
    }
    response = client.post(reverse("wholesale:register"), data)
    assert response.status_code == 200
    assert "kiểm tra" in response.content.decode()
    assert not Business.objects.exists()
    response = client.post(reverse("wholesale:register"), dict(data, tax_code="0100109106"))
    assert response.status_code == 302
    business = Business.objects.get()
    assert business.status == "pending"
    assert business.buyers.get().user == user


def test_staff_verify_a_business_and_set_net_terms_in_the_dashboard(client):
    buyer = helpers.user()
    business = helpers.business(status="pending", terms="prepaid", buyer=buyer)
    client.force_login(staff())
    url = reverse("dashboard:wholesale-business", kwargs={"pk": business.pk})
    response = client.post(
        url, {"status": "pending", "payment_terms": "net30", "credit_limit": "10000000"}
    )
    assert response.status_code == 200  # terms only for verified businesses
    business.refresh_from_db()
    assert business.payment_terms == "prepaid"
    response = client.post(
        url, {"status": "verified", "payment_terms": "net30", "credit_limit": "10000000"}
    )
    assert response.status_code == 302
    business.refresh_from_db()
    assert business.is_verified and business.on_net_terms
    assert business.credit_limit == Decimal("10000000")
    assert business.verified_at is not None


def test_customers_cannot_open_the_wholesale_dashboard(client):
    business = helpers.business()
    client.force_login(helpers.user("khach@example.vn"))
    url = reverse("dashboard:wholesale-business", kwargs={"pk": business.pk})
    assert client.get(url).status_code in (302, 403, 404)


def test_staff_record_payments_and_a_paid_invoice_frees_the_credit(client, company):
    buyer = company.buyers.get().user
    order = on_account_order(buyer, company)
    invoice = Invoice.objects.get()
    owed = services.open_credit(company)
    assert owed == invoice.total_incl_tax
    client.force_login(staff())
    url = reverse("dashboard:wholesale-invoice", kwargs={"pk": invoice.pk})
    today = timezone.localdate().isoformat()
    too_much = client.post(
        url, {"amount": str(invoice.total_incl_tax + 1), "paid_on": today, "reference": "UNC 1"}
    )
    assert too_much.status_code == 400
    client.post(url, {"amount": "1000000", "paid_on": today, "reference": "UNC 1"})
    invoice.refresh_from_db()
    assert invoice.amount_paid == Decimal("1000000") and invoice.status == "unpaid"
    assert services.open_credit(company) == owed - Decimal("1000000")
    client.post(url, {"amount": str(invoice.amount_due), "paid_on": today, "reference": "UNC 2"})
    invoice.refresh_from_db()
    assert invoice.status == "paid"
    assert services.open_credit(company) == 0
    order.refresh_from_db()
    assert order.status == "paid"


def test_overdue_invoices_are_flagged_and_reminded_once_per_interval(client, company, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    buyer = company.buyers.get().user
    on_account_order(buyer, company)
    invoice = Invoice.objects.get()
    assert not invoice.is_overdue
    assert tasks.remind_overdue_invoices_task() == []
    invoice.due_date = timezone.localdate() - datetime.timedelta(days=3)
    invoice.save()
    assert invoice.is_overdue and invoice.days_overdue == 3

    assert tasks.remind_overdue_invoices_task() == [invoice.pk]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "OCOP-0000001" in message.subject
    assert set(message.to) == {"ketoan@sieuthi.vn", buyer.email}
    assert "quá hạn 3 ngày" in message.body
    assert tasks.remind_overdue_invoices_task() == []
    assert len(mail.outbox) == 1

    client.force_login(staff())
    listing = client.get(reverse("dashboard:wholesale-invoice-list") + "?show=overdue")
    assert "OCOP-0000001" in listing.content.decode()
    client.force_login(buyer)
    page = client.get(reverse("wholesale:account"))
    assert "Quá hạn" in page.content.decode()


def test_staff_edit_tiers_in_the_dashboard_and_bad_rows_change_nothing(client, company):
    from oscar.core.loading import get_model

    record = get_model("partner", "StockRecord").objects.get()
    client.force_login(staff())
    url = reverse("dashboard:wholesale-tier", kwargs={"pk": record.pk})
    base = {
        "tiers-TOTAL_FORMS": "3",
        "tiers-INITIAL_FORMS": "0",
        "tiers-MIN_NUM_FORMS": "0",
        "tiers-MAX_NUM_FORMS": "20",
        "min_quantity": "10",
        "case_size": "10",
        "vat_rate": "8",
    }
    bad = dict(base, **{"tiers-0-min_quantity": "1", "tiers-0-price_excl_tax": "-5"})
    assert client.post(url, bad).status_code == 400
    assert record.price_tiers.count() == 3
    duplicate = dict(
        base,
        **{
            "tiers-0-min_quantity": "1",
            "tiers-0-price_excl_tax": "100000",
            "tiers-1-min_quantity": "1",
            "tiers-1-price_excl_tax": "90000",
        },
    )
    assert client.post(url, duplicate).status_code == 400
    good = dict(
        base,
        **{
            "tiers-0-min_quantity": "1",
            "tiers-0-price_excl_tax": "95000",
            "tiers-1-min_quantity": "100",
            "tiers-1-price_excl_tax": "85000",
        },
    )
    assert client.post(url, good).status_code == 302
    assert list(record.price_tiers.values_list("min_quantity", "price_excl_tax")) == [
        (1, Decimal("95000")),
        (100, Decimal("85000")),
    ]
    record.wholesale_terms.refresh_from_db()
    assert (record.wholesale_terms.case_size, record.wholesale_terms.vat_rate) == (10, 8)


def test_a_producer_edits_the_tiers_of_its_own_products_only(client, company):
    from oscar.core.loading import get_model

    StockRecord = get_model("partner", "StockRecord")
    own = StockRecord.objects.get()
    other = helpers.wholesale_product(sku="KHAC", title="Sản phẩm khác").stockrecords.get()
    producer_user = helpers.user("htx@example.vn")
    producer_user.user_permissions.add(Permission.objects.get(codename="dashboard_access"))
    own.partner.users.add(producer_user)
    client.force_login(producer_user)
    listing = client.get(reverse("dashboard:wholesale-tier-list"))
    assert listing.status_code == 200
    body = listing.content.decode()
    assert "Mạch nha Thi Phổ" in body and "Sản phẩm khác" not in body
    assert (
        client.get(reverse("dashboard:wholesale-tier", kwargs={"pk": other.pk})).status_code == 404
    )
    assert client.get(reverse("dashboard:wholesale-tier", kwargs={"pk": own.pk})).status_code == 200


def test_a_cancelled_order_cancels_its_invoice_and_frees_the_credit(company):
    from shop.checkout import services as checkout

    buyer = company.buyers.get().user
    order = on_account_order(buyer, company)
    assert services.open_credit(company) > 0
    checkout.cancel_order(order, reason="Khách hủy")
    invoice = Invoice.objects.get()
    assert invoice.status == "cancelled"
    assert services.open_credit(company) == 0
    assert list(services.overdue_invoices()) == []


def test_a_paid_prepaid_business_order_marks_its_invoice_paid(company):
    from shop.checkout import services as checkout

    company.payment_terms = "prepaid"
    company.save()
    buyer = company.buyers.get().user
    order = on_account_order(buyer, company)
    invoice = Invoice.objects.get()
    assert order.status == "pending_payment" and invoice.status == "unpaid"
    checkout.mark_order_paid(
        order, method=checkout.METHOD_BANK_TRANSFER, amount=order.total_incl_tax, reference="CK1"
    )
    invoice.refresh_from_db()
    assert invoice.status == "paid" and invoice.amount_due == 0
