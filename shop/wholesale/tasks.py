from celery import shared_task

from . import services


@shared_task
def remind_overdue_invoices_task():
    """Celery beat runs this every 6 hours (settings.CELERY_BEAT_SCHEDULE): each overdue
    invoice's business is reminded at most once per WHOLESALE_REMINDER_INTERVAL_DAYS."""
    return services.remind_overdue_invoices()
