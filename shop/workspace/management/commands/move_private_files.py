from django.core.management.base import BaseCommand

from shop.workspace.models import ApplicationDocument, StockImport
from shop.workspace.private_files import move_documents, move_stock_files


class Command(BaseCommand):
    help = "Move application scans and stock files out of MEDIA_ROOT into private storage."

    def handle(self, *args, **options):
        documents = move_documents(ApplicationDocument)
        stock_files = move_stock_files(StockImport)
        self.stdout.write(f"Moved {documents} scans and {stock_files} stock files.")
