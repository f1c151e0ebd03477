"""Re-slug categories and products whose slug Oscar's old slugifier made from their name.

Before the shop set ``OSCAR_SLUG_FUNCTION``, "Mộ Đức" became ``mo-u0110uc``. A slug that is
exactly what that slugifier made from the current name is replaced by the shop's slug; a slug
chosen by hand is left alone. Old links keep working: Oscar redirects a product or category
URL with a stale slug to the current one.
"""

from django.core.management.base import BaseCommand
from oscar.core.loading import get_model
from oscar.core.utils import cautious_slugify, slugify


def fix_slugs():
    """The number of categories and products re-slugged."""
    changed = 0
    Category = get_model("catalogue", "Category")
    Product = get_model("catalogue", "Product")
    for model, source in ((Category, "name"), (Product, "title")):
        length = model._meta.get_field("slug").max_length
        for obj in model.objects.iterator():
            text = getattr(obj, source) or ""
            old, new = cautious_slugify(text)[:length], slugify(text)[:length]
            if obj.slug and obj.slug == old and old != new:
                obj.slug = new
                obj.save(update_fields=["slug"])
                changed += 1
    return changed


class Command(BaseCommand):
    help = "Replace slugs made by Oscar's old slugifier (mo-u0110uc) with transliterated ones."

    def handle(self, *args, **options):
        self.stdout.write(f"Re-slugged {fix_slugs()} categories and products.")
