from celery import shared_task

from . import services


@shared_task
def process_stock_import_task(stock_import_pk):
    """Validate and apply one uploaded stock CSV (progress recorded on the StockImport)."""
    services.process_stock_import(stock_import_pk)
