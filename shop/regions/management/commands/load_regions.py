"""``manage.py load_regions``: load administrative units from vietnam-provinces data."""

from django.core.management.base import BaseCommand, CommandError

from shop.regions.services import RegionDataError, load_regions


class Command(BaseCommand):
    help = (
        "Load Vietnam's administrative units (province → district → commune before July 2025, "
        "province → commune from July 2025) from the installed vietnam-provinces package, or "
        "from a JSON file in either package format. The scheme is detected from the structure. "
        "Safe to run again: existing units are updated, none duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--json",
            dest="json_path",
            metavar="PATH",
            help="Nested JSON file (default: the installed vietnam-provinces package's data).",
        )
        parser.add_argument(
            "--province",
            dest="provinces",
            metavar="CODE",
            type=int,
            nargs="+",
            action="extend",
            help="Only these provinces (official codes, e.g. 51 for Quảng Ngãi). Default: all.",
        )

    def handle(self, *args, json_path=None, provinces=None, **options):
        try:
            result = load_regions(json_path, province_codes=provinces)
        except RegionDataError as exc:
            raise CommandError(str(exc))
        self.stdout.write(self.style.SUCCESS(result.summary()))
