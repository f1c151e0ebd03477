from celery import shared_task

from . import services


@shared_task(acks_late=True, ignore_result=True)
def send_message_task(message_id):
    """Send one outbox message (a no-op when it is already claimed or sent)."""
    return services.deliver(message_id)


@shared_task(ignore_result=True)
def sweep_outbox_task():
    """Celery beat: publish again the outbox messages that are due (broker was down, lost
    task, expired lease)."""
    return services.sweep()


@shared_task(ignore_result=True)
def payment_reminders_task():
    """Celery beat: remind unpaid bank-transfer orders before they are cancelled."""
    return services.payment_reminders()


@shared_task(ignore_result=True)
def certificate_reminders_task():
    """Celery beat: certificates expiring within 60 days, or expired."""
    return services.certificate_reminders()
