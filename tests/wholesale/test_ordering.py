"""Quick order and CSV upload: every row checked, nothing added until the whole input is clean."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.core.loading import get_model

from . import helpers

pytestmark = pytest.mark.django_db

Basket = get_model("basket", "Basket")


@pytest.fixture
def buyer(client):
    account = helpers.user()
    helpers.business(buyer=account)
    helpers.wholesale_product()
    helpers.wholesale_product(
        sku="NUOC-MAM-SH",
        title="Nước mắm Sa Huỳnh",
        num_in_stock=100,
        min_quantity=24,
        case_size=24,
    )
    client.force_login(account)
    return account


def basket_lines(user):
    basket = Basket.objects.filter(owner=user).first()
    if basket is None:
        return {}
    return {line.stockrecord.partner_sku: line.quantity for line in basket.lines.all()}


def upload(client, text, name="don-hang.csv"):
    return client.post(
        reverse("wholesale:quick-order"),
        {"action": "csv", "file": SimpleUploadedFile(name, text.encode("utf-8"), "text/csv")},
    )


def test_quick_order_adds_many_skus_at_once(client, buyer):
    response = client.post(
        reverse("wholesale:quick-order"), {"rows": "MN-THIPHO, 60\nnuoc-mam-sh 48\n"}
    )
    assert response.status_code == 302
    assert basket_lines(buyer) == {"MN-THIPHO": 60, "NUOC-MAM-SH": 48}


def test_a_good_csv_fills_the_basket(client, buyer):
    response = upload(client, "sku,quantity\nMN-THIPHO,204\nNUOC-MAM-SH,24\n")
    assert response.status_code == 302
    assert basket_lines(buyer) == {"MN-THIPHO": 204, "NUOC-MAM-SH": 24}


def test_a_bad_csv_changes_nothing_and_reports_each_bad_row(client, buyer):
    client.post(reverse("wholesale:quick-order"), {"rows": "MN-THIPHO, 12"})
    before = basket_lines(buyer)
    csv_text = (
        "sku;quantity\n"
        "MN-THIPHO;60\n"  # fine
        "KHONG-CO;10\n"  # unknown SKU
        "MN-THIPHO;abc\n"  # not a number
        "NUOC-MAM-SH;30\n"  # not a multiple of the case
        "NUOC-MAM-SH;0\n"  # zero
    )
    response = upload(client, csv_text)
    assert response.status_code == 400
    errors = dict(response.context["row_errors"])
    assert set(errors) == {3, 4, 5, 6}
    assert "KHONG-CO" in errors[3]
    assert "abc" in errors[4]
    assert "24" in errors[5]
    assert basket_lines(buyer) == before


def test_stock_short_rows_are_refused(client, buyer):
    response = upload(client, "sku,quantity\nNUOC-MAM-SH,120\n")
    assert response.status_code == 400
    assert basket_lines(buyer) == {}


@pytest.mark.parametrize(
    "content",
    [b"", b"\xff\xfe\x00garbage", b"ma,so luong\nMN-THIPHO,12\n", b"sku,quantity\n"],
)
def test_unreadable_files_change_nothing(client, buyer, content):
    response = client.post(
        reverse("wholesale:quick-order"),
        {"action": "csv", "file": SimpleUploadedFile("x.csv", content, "text/csv")},
    )
    assert response.status_code == 400
    assert basket_lines(buyer) == {}


def test_the_csv_template_downloads_with_the_columns(client, buyer):
    response = client.get(reverse("wholesale:csv-template"))
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "sku,quantity"


def test_consumers_and_unverified_businesses_cannot_use_quick_order(client):
    consumer = helpers.user("khach@example.vn")
    helpers.wholesale_product()
    client.force_login(consumer)
    response = client.post(reverse("wholesale:quick-order"), {"rows": "MN-THIPHO, 60"})
    assert response.status_code == 302
    assert basket_lines(consumer) == {}
    pending = helpers.user("cho@sieuthi.vn")
    helpers.business(status="pending", buyer=pending, tax_code=helpers.TAX_CODES[1])
    client.force_login(pending)
    response = client.post(reverse("wholesale:quick-order"), {"rows": "MN-THIPHO, 60"})
    assert response.status_code == 302
    assert basket_lines(pending) == {}
