"""A stock upload while the broker is down is kept pending and processed by the sweep."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from shop.workspace import tasks
from shop.workspace.models import StockImport

pytestmark = pytest.mark.django_db


def test_upload_with_the_broker_down_is_kept_and_swept(
    client, producer_a, monkeypatch, django_capture_on_commit_callbacks
):
    record = producer_a.records[0]
    text = (
        "sku,title,num_in_stock,price,low_stock_threshold\n"
        f"{record.partner_sku},x,41,{int(record.price)},\n"
    )

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    client.force_login(producer_a.user)
    with monkeypatch.context() as patched:
        patched.setattr(tasks.process_stock_import_task, "apply_async", broker_down)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("dashboard:workspace-stock-import"),
                {"file": SimpleUploadedFile("stock.csv", text.encode(), content_type="text/csv")},
            )
        assert response.status_code in (200, 302)
        stock_import = StockImport.objects.get(partner=producer_a.partner)
        assert stock_import.status == StockImport.Status.PENDING
        assert tasks.sweep_stock_imports_task(min_age_seconds=0) == 0

    StockImport.objects.filter(pk=stock_import.pk).update(
        date_created=timezone.now() - timedelta(minutes=5)
    )
    assert tasks.sweep_stock_imports_task() == 1
    stock_import.refresh_from_db()
    record.refresh_from_db()
    assert stock_import.status == StockImport.Status.DONE
    assert record.num_in_stock == 41
