"""``manage.py load_ocop_demo``: the demo catalogue of Quảng Ngãi's OCOP products."""

import time

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from shop.core.demo.loader import load_demo
from shop.core.demo.staff import STAFF_EMAIL, create_demo_staff


class Command(BaseCommand):
    help = (
        "Load the demo catalogue: Quảng Ngãi's administrative units (pre-2025 scheme) when "
        "missing, 31 OCOP producers, 61 certified products with certificates, stock, "
        "categories and locally drawn images, and 5 showrooms. Safe to run again: a second "
        "run changes nothing. With --with-staff (DEBUG on only) it also creates the demo "
        f"staff account {STAFF_EMAIL} with a random password printed once; otherwise create "
        "your own with `manage.py createsuperuser`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-staff",
            action="store_true",
            help=f"Also create the demo superuser {STAFF_EMAIL} with a random password, "
            "printed once (DEBUG on only; an existing account is left untouched).",
        )

    def handle(self, *args, with_staff=False, **options):
        started = time.monotonic()
        try:
            with transaction.atomic():
                staff = create_demo_staff() if with_staff else None
                tally = load_demo()
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
        if staff is None:
            self.stdout.write(
                "To sign in to the dashboard, create a staff account with "
                "`python manage.py createsuperuser` (or, in development, rerun with "
                "--with-staff for a demo account)."
            )
            return
        user, password = staff
        if password is None:
            self.stdout.write(
                self.style.WARNING(
                    f"The account {user.email or user.get_username()} already exists: it was "
                    "left unchanged (no password or permission was changed)."
                )
            )
            return
        self.stdout.write(
            f"Demo staff account created: {user.email} / password {password}\n"
            "This password is shown only once: note it now."
        )
