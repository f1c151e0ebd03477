"""A stock CSV processed by a real Celery worker through Redis, its progress read meanwhile."""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from shop.workspace import services
from shop.workspace.models import StockImport

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def worker(settings):
    """A Celery worker on this test's database, Redis database and media folders."""
    from marketplace.celery import app

    app.conf.task_always_eager = False
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}"
        f":{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": os.environ["REDIS_URL"],
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
    }
    app.control.purge()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "marketplace",
            "worker",
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-l",
            "warning",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    app.conf.task_always_eager = True


def test_a_worker_applies_the_csv_while_the_page_reads_its_progress(producer_a, worker):
    first, second = producer_a.records
    body = f"sku,num_in_stock,price\n{first.partner_sku},0,12000\n{second.partner_sku},7,15000\n"
    uploaded = SimpleUploadedFile("ton-kho.csv", body.encode(), content_type="text/csv")
    stock_import = services.start_stock_import(producer_a.partner, producer_a.user, uploaded)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        stock_import.refresh_from_db()
        if stock_import.is_finished:
            break
        assert worker.poll() is None, worker.stdout.read().decode()
        time.sleep(0.5)
    assert stock_import.status == StockImport.Status.DONE, stock_import.errors
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.num_in_stock, int(first.price), second.num_in_stock) == (0, 12000, 7)
    assert stock_import.percent == 100 and stock_import.updated_rows == 2
    assert settings.CELERY_BROKER_URL.startswith("redis")
