"""Quick order and CSV bulk order are bounded: too many rows, too long fields or lines, too
large or non-CSV files are refused with a clear message before any row is looked up, and
the basket is left as it was."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .test_ordering import basket_lines, buyer, upload  # noqa: F401 (buyer is a fixture)

pytestmark = pytest.mark.django_db

QUICK_ORDER = reverse("wholesale:quick-order")


def refused(response, *messages):
    assert response.status_code == 400
    page = response.content.decode()
    for message in messages:
        assert message in page, page[-3000:]
    return page


def post_rows(client, text):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(QUICK_ORDER, {"rows": text})
    return response, queries


def stockrecord_lookups(queries):
    """The queries that look a SKU up (one per row in the bulk-order check)."""
    return [q for q in queries if '"partner_sku"' in q["sql"].split("WHERE")[-1]]


def test_quick_order_refuses_more_than_200_rows(client, buyer):  # noqa: F811
    response, queries = post_rows(client, "MN-THIPHO, 12\n" * 201)
    refused(response, "Tối đa 200 dòng mỗi lần")
    assert stockrecord_lookups(queries) == []
    assert basket_lines(buyer) == {}


def test_quick_order_takes_rows_up_to_the_limit(client, buyer, settings):  # noqa: F811
    settings.WHOLESALE_QUICK_ORDER_MAX_ROWS = 3
    response = client.post(QUICK_ORDER, {"rows": "MN-THIPHO, 12\n\nMN-THIPHO, 12\nMN-THIPHO 12"})
    assert response.status_code == 302
    assert basket_lines(buyer) == {"MN-THIPHO": 36}
    response = client.post(QUICK_ORDER, {"rows": "MN-THIPHO, 12\n" * 4})
    refused(response, "Tối đa 3 dòng mỗi lần")
    assert basket_lines(buyer) == {"MN-THIPHO": 36}


def test_quick_order_refuses_over_long_fields(client, buyer):  # noqa: F811
    response, queries = post_rows(client, f"{'X' * 129}, 12\nMN-THIPHO, {'1' * 10}\n")
    refused(
        response,
        "Dòng 1: mã SKU quá dài (tối đa 128 ký tự).",
        "Dòng 2: số lượng quá dài (tối đa 9 chữ số).",
    )
    assert stockrecord_lookups(queries) == []
    assert basket_lines(buyer) == {}


def test_quick_order_refuses_an_over_long_text(client, buyer):  # noqa: F811
    response = client.post(QUICK_ORDER, {"rows": "A" * 70_000})
    refused(response, "Danh sách quá dài")
    assert basket_lines(buyer) == {}


def test_the_inputs_say_their_limits(client, buyer):  # noqa: F811
    page = client.get(QUICK_ORDER).content.decode()
    assert 'maxlength="60200"' in page


def test_a_20000_row_csv_is_refused_before_any_lookup(client, buyer):  # noqa: F811
    text = "sku,quantity\n" + "MN-THIPHO,12\n" * 19_999
    with CaptureQueriesContext(connection) as queries:
        response = upload(client, text)
    refused(response, "Tối đa 1000 dòng mỗi lần")
    assert stockrecord_lookups(queries) == []
    assert basket_lines(buyer) == {}


def test_a_csv_at_the_row_limit_is_checked(client, buyer, settings):  # noqa: F811
    settings.WHOLESALE_CSV_MAX_ROWS = 2
    assert upload(client, "sku,quantity\nMN-THIPHO,12\n\nNUOC-MAM-SH,24\n").status_code == 302
    assert basket_lines(buyer) == {"MN-THIPHO": 12, "NUOC-MAM-SH": 24}
    refused(upload(client, "sku,quantity\n" + "MN-THIPHO,12\n" * 3), "Tối đa 2 dòng mỗi lần")
    assert basket_lines(buyer) == {"MN-THIPHO": 12, "NUOC-MAM-SH": 24}


@pytest.mark.parametrize(
    "text, message",
    [
        ("sku,quantity\n" + "MN-THIPHO," + "1" * 400 + "\n", "Dòng 2 quá dài (tối đa 300 ký tự)."),
        ("sku,quantity\n" + "X" * 200 + ",12\n", "Dòng 2: mã SKU quá dài (tối đa 128 ký tự)."),
        ("sku,quantity\nMN-THIPHO,1234567890\n", "Dòng 2: số lượng quá dài (tối đa 9 chữ số)."),
        ('sku,quantity\n"MN-THIPHO\n' + "A" * 250 + "\n", "Dòng 2: mã SKU quá dài"),
    ],
)
def test_over_long_lines_and_fields_are_refused(client, buyer, text, message):  # noqa: F811
    refused(upload(client, text), message)
    assert basket_lines(buyer) == {}


def test_a_file_over_the_size_limit_is_refused(client, buyer, settings):  # noqa: F811
    settings.WHOLESALE_CSV_MAX_BYTES = 1000
    refused(upload(client, "sku,quantity\n" + "MN-THIPHO,12\n" * 100), "Tệp quá lớn (tối đa 1 KB).")
    assert basket_lines(buyer) == {}


@pytest.mark.parametrize(
    "content, message",
    [
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00!\x00b\xee\x9dh", "không phải văn bản UTF-8"),
        ("sku,quantity\nCAFÉ-DAK,12\n".encode("latin-1"), "không phải văn bản UTF-8"),
        (b"sku,quantity\nMN-THIPHO,\x0012\n", "Tệp không phải tệp văn bản CSV."),
        ("sku;số lượng\nMN-THIPHO;12\n".encode("utf-16"), "không phải văn bản UTF-8"),
    ],
)
def test_files_that_are_not_utf8_csv_are_refused(client, buyer, content, message):  # noqa: F811
    response = client.post(
        QUICK_ORDER,
        {"action": "csv", "file": SimpleUploadedFile("don-hang.xlsx", content, "text/csv")},
    )
    refused(response, message)
    assert basket_lines(buyer) == {}
