"""``manage.py load_ocop_demo``: the demo catalogue of Quảng Ngãi's OCOP products."""

import time

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from shop.core.demo.loader import STAFF_EMAIL, STAFF_PASSWORD, load_demo


class Command(BaseCommand):
    help = (
        "Load the demo catalogue: Quảng Ngãi's administrative units (pre-2025 scheme) when "
        "missing, 31 OCOP producers, 61 certified products with certificates, stock, "
        "categories and locally drawn images, and 5 showrooms. Safe to run again: a second "
        "run changes nothing. With --with-staff it also creates the demo staff account "
        f"{STAFF_EMAIL} (password {STAFF_PASSWORD}); otherwise create your own with "
        "`manage.py createsuperuser`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-staff",
            action="store_true",
            help=f"Also create the demo staff account {STAFF_EMAIL} / {STAFF_PASSWORD} "
            "(for demonstrations only, never in production).",
        )

    def handle(self, *args, with_staff=False, **options):
        started = time.monotonic()
        try:
            tally = load_demo(with_staff=with_staff)
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc))
        for line in tally.lines():
            self.stdout.write(f"  {line}")
        created, updated = tally.total("created"), tally.total("updated")
        summary = (
            f"OCOP demo loaded in {time.monotonic() - started:.1f} s: {created} created, "
            f"{updated} updated, {tally.total('unchanged')} unchanged."
        )
        self.stdout.write(self.style.SUCCESS(summary))
        if not with_staff:
            self.stdout.write(
                "To sign in to the dashboard, create a staff account with "
                "`python manage.py createsuperuser` (or rerun with --with-staff for the demo "
                f"account {STAFF_EMAIL})."
            )
