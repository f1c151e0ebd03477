"""Stock and prices: inline edits, the CSV template and CSV uploads (all rows or nothing)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.core.loading import get_model

from shop.workspace import services
from shop.workspace.models import StockImport

pytestmark = pytest.mark.django_db

StockRecord = get_model("partner", "StockRecord")


def upload(client, text, django_capture_on_commit_callbacks, name="stock.csv"):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("dashboard:workspace-stock-import"),
            {"file": SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")},
        )
    return response


def state(side):
    return [
        (r.num_in_stock, r.price, r.low_stock_threshold)
        for r in StockRecord.objects.filter(partner=side.partner).order_by("pk")
    ]


def test_inline_stock_edit(client, producer_a):
    client.force_login(producer_a.user)
    record = producer_a.records[0]
    prefix = f"sr{record.pk}"
    response = client.post(
        reverse("dashboard:workspace-stock-update", kwargs={"pk": record.pk}),
        {
            f"{prefix}-num_in_stock": "7",
            f"{prefix}-price": "99000",
            f"{prefix}-low_stock_threshold": "8",
        },
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.num_in_stock, int(record.price), record.low_stock_threshold) == (7, 99000, 8)
    assert list(services.low_stock(producer_a.user)) == [record]
    page = client.get(reverse("dashboard:workspace-stock"), {"low": "1"}).content.decode()
    assert record.partner_sku in page and producer_a.records[1].partner_sku not in page


@pytest.mark.parametrize(
    "values",
    [
        {"num_in_stock": "-1", "price": "1000"},
        {"num_in_stock": "1", "price": "1000.5"},
        {"num_in_stock": "x", "price": "1"},
    ],
)
def test_inline_stock_edit_refuses_bad_values(client, producer_a, values):
    client.force_login(producer_a.user)
    record = producer_a.records[0]
    before = state(producer_a)
    prefix = f"sr{record.pk}"
    response = client.post(
        reverse("dashboard:workspace-stock-update", kwargs={"pk": record.pk}),
        {f"{prefix}-{k}": v for k, v in values.items()},
    )
    assert response.status_code == 400
    assert state(producer_a) == before


def test_csv_template_lists_own_stock_only(client, producer_a, producer_b):
    client.force_login(producer_a.user)
    response = client.get(reverse("dashboard:workspace-stock-template"))
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "sku,title,num_in_stock,price,low_stock_threshold"
    assert producer_a.records[0].partner_sku in text
    assert producer_b.records[0].partner_sku not in text
    assert response["Content-Disposition"].startswith("attachment")


def test_csv_upload_applies_every_row(client, producer_a, django_capture_on_commit_callbacks):
    client.force_login(producer_a.user)
    a1, a2 = producer_a.records
    text = (
        "sku,title,num_in_stock,price,low_stock_threshold\n"
        f"{a1.partner_sku},Tỏi,12,150000,3\n"
        f"{a2.partner_sku},,0,99000,\n"
    )
    response = upload(client, text, django_capture_on_commit_callbacks)
    stock_import = StockImport.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/stock/import/{stock_import.pk}/")
    assert stock_import.status == "done" and stock_import.updated_rows == 2
    a1.refresh_from_db()
    a2.refresh_from_db()
    assert (a1.num_in_stock, int(a1.price), a1.low_stock_threshold) == (12, 150000, 3)
    assert (a2.num_in_stock, int(a2.price)) == (0, 99000)
    status = client.get(response["Location"], {"format": "json"}).json()
    assert status["finished"] and status["percent"] == 100 and status["updated_rows"] == 2
    page = client.get(response["Location"]).content.decode()
    assert 'id="import-done"' in page


def test_one_bad_row_rejects_the_whole_file(
    client, producer_a, producer_b, django_capture_on_commit_callbacks
):
    client.force_login(producer_a.user)
    a1, a2 = producer_a.records
    before_a, before_b = state(producer_a), state(producer_b)
    text = (
        "sku,num_in_stock,price\n"
        f"{a1.partner_sku},12,150000\n"  # good
        f"{a2.partner_sku},-3,99000\n"  # negative stock
        f"{producer_b.records[0].partner_sku},1,1\n"  # another producer's SKU
        "KHONG-CO,1,1\n"  # unknown SKU
        f"{a1.partner_sku},1,1000.50\n"  # duplicate, and not whole dong
    )
    response = upload(client, text, django_capture_on_commit_callbacks)
    stock_import = StockImport.objects.get()
    assert stock_import.status == "rejected"
    rows = {error["row"]: error["messages"] for error in stock_import.errors}
    assert sorted(rows) == [3, 4, 5, 6]
    assert len(rows[6]) == 2
    assert state(producer_a) == before_a and state(producer_b) == before_b
    page = client.get(response["Location"]).content.decode()
    assert 'id="import-rejected"' in page and page.count("<li data-row=") == 4


@pytest.mark.parametrize(
    "content",
    [
        "",
        "ten,so_luong\nA,1\n",
        "sku,num_in_stock,price\n",
        "\xff\xfe bad".encode("latin-1").decode("latin-1"),
    ],
)
def test_unusable_files_are_rejected_with_a_message(
    client, producer_a, content, django_capture_on_commit_callbacks
):
    client.force_login(producer_a.user)
    before = state(producer_a)
    upload(client, content, django_capture_on_commit_callbacks)
    stock_import = StockImport.objects.filter(partner=producer_a.partner).first()
    if stock_import is not None:  # an empty upload is refused by the form itself
        assert stock_import.status == "rejected" and stock_import.errors[0]["messages"]
    assert state(producer_a) == before


def test_large_file_reports_progress(producer_a, monkeypatch):
    """Progress is recorded while rows are checked (a page polls it)."""
    seen = []
    rows = [{"sku": producer_a.records[0].partner_sku, "num_in_stock": "1", "price": "1"}] + [
        {"sku": f"X{n}", "num_in_stock": "1", "price": "1"} for n in range(999)
    ]
    monkeypatch.setattr(services, "PROGRESS_EVERY", 100)
    result = services.validate_stock_rows(producer_a.partner, rows, progress=seen.append)
    assert seen == list(range(100, 1001, 100)) + [1000]
    assert len(result.errors) == 999


def test_stock_cannot_go_below_units_held_for_orders(producer_a):
    record = producer_a.records[0]
    record.num_allocated = 5
    record.save()
    result = services.validate_stock_rows(
        producer_a.partner, [{"sku": record.partner_sku, "num_in_stock": "4", "price": "1000"}]
    )
    assert result.errors and not result.updates


def test_csv_import_through_a_celery_task(producer_a, settings):
    """The task takes the import's primary key (eager here; a worker in production)."""
    from shop.workspace.tasks import process_stock_import_task

    record = producer_a.records[0]
    stock_import = StockImport.objects.create(
        partner=producer_a.partner,
        file=SimpleUploadedFile(
            "s.csv", f"sku,num_in_stock,price\n{record.partner_sku},3,5000\n".encode()
        ),
        original_name="s.csv",
    )
    process_stock_import_task.delay(stock_import.pk)
    stock_import.refresh_from_db()
    record.refresh_from_db()
    assert stock_import.status == "done" and record.num_in_stock == 3


def test_orders_placed_while_a_file_is_checked_are_counted_again(producer_a, monkeypatch):
    """Rows are checked, then an order takes units before the file is applied: the file
    is refused with the row named, and nothing changes."""
    first, second = producer_a.records[0], producer_a.records[1]
    stock_import = StockImport.objects.create(
        partner=producer_a.partner,
        file=SimpleUploadedFile(
            "s.csv",
            (
                "sku,num_in_stock,price\n"
                f"{first.partner_sku},2,5000\n{second.partner_sku},40,6000\n"
            ).encode(),
        ),
        original_name="s.csv",
    )
    checked = services.validate_stock_rows

    def check_then_order(partner, rows, progress=None):
        result = checked(partner, rows, progress=progress)
        StockRecord.objects.filter(pk=first.pk).update(num_allocated=3)  # an order meanwhile
        return result

    monkeypatch.setattr(services, "validate_stock_rows", check_then_order)
    before = state(producer_a)
    services.process_stock_import(stock_import.pk)
    stock_import.refresh_from_db()
    assert stock_import.status == "rejected"
    assert stock_import.errors[0]["row"] == 2 and stock_import.errors[0]["sku"] == first.partner_sku
    assert state(producer_a) == before
