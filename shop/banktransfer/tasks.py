from celery import shared_task

from . import services


@shared_task
def cancel_unpaid_transfers_task():
    """Celery beat runs this every 15 minutes (settings.CELERY_BEAT_SCHEDULE)."""
    return services.cancel_unpaid_transfers()
