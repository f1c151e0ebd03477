from django.core.management.base import BaseCommand

from shop.notifications import services


class Command(BaseCommand):
    help = (
        "Publish again the outbox messages that are due (broker was down, lost task, expired "
        "lease). Without a broker they are sent here, in-process. Celery beat runs the same "
        "sweep every minute."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500)

    def handle(self, *args, limit, **options):
        count = services.sweep(limit=limit)
        self.stdout.write(f"{count} message(s) published")
