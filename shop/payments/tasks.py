from celery import shared_task

from . import webhooks


@shared_task
def retry_stripe_events_task():
    """Celery beat runs this every 5 minutes: Stripe events whose handling failed, again."""
    handled, failing = webhooks.retry_unprocessed()
    return {"handled": handled, "failing": failing}
