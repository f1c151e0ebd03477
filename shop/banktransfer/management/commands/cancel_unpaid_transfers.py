from django.core.management.base import BaseCommand

from shop.banktransfer.services import cancel_unpaid_transfers


class Command(BaseCommand):
    help = (
        "Cancel bank-transfer orders still unpaid after BANK_TRANSFER_TIMEOUT_HOURS and "
        "release their stock."
    )

    def handle(self, *args, **options):
        count = cancel_unpaid_transfers()
        self.stdout.write(f"Cancelled {count} unpaid bank-transfer order(s).")
