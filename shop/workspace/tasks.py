import logging
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from . import services

logger = logging.getLogger(__name__)


@shared_task
def process_stock_import_task(stock_import_pk):
    """Validate and apply one uploaded stock CSV (progress recorded on the StockImport)."""
    services.process_stock_import(stock_import_pk)


def publish_stock_import(stock_import_pk):
    """Hand an upload to a worker. A broker that cannot be reached leaves it pending for
    ``sweep_stock_imports_task``: the producer's upload is kept, never an error page."""
    try:
        process_stock_import_task.apply_async(
            (stock_import_pk,),
            retry=True,
            retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.2},
        )
    except Exception as exc:  # broker down (kombu/redis errors): the sweep publishes it later
        logger.warning(
            "Stock import %s not published (%s); the sweep will retry", stock_import_pk, exc
        )
        return False
    return True


@shared_task
def sweep_stock_imports_task(min_age_seconds=120):
    """Publish again the uploads still pending after ``min_age_seconds`` (broker was down)."""
    from .models import StockImport

    cutoff = timezone.now() - timedelta(seconds=min_age_seconds)
    pending = StockImport.objects.filter(
        status=StockImport.Status.PENDING, date_created__lt=cutoff
    ).values_list("pk", flat=True)
    return sum(publish_stock_import(pk) for pk in pending)
