from django.db import migrations

OCCASIONS = [
    ("tet", "Quà Tết", "Tết (Lunar New Year)", 1),
    ("trung-thu", "Quà Trung thu", "Mid-Autumn Festival", 2),
    ("doanh-nghiep", "Quà doanh nghiệp", "Corporate gifts", 3),
    ("bieu-tang", "Quà biếu, thăm hỏi", "Visits and thank-you gifts", 4),
    ("khac", "Dịp khác", "Other occasions", 9),
]


def add_occasions(apps, schema_editor):
    Occasion = apps.get_model("bundles", "Occasion")
    for code, name, name_en, order in OCCASIONS:
        Occasion.objects.get_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "display_order": order}
        )
    GiftWrapping = apps.get_model("bundles", "GiftWrapping")
    if not GiftWrapping.objects.exists():
        GiftWrapping.objects.create(name="Gói quà", price=30000, is_active=True)
    ProductClass = apps.get_model("catalogue", "ProductClass")
    ProductClass.objects.get_or_create(
        slug="gift-bundle",
        defaults={"name": "Hộp quà OCOP", "requires_shipping": True, "track_stock": False},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("bundles", "0001_gift_bundles"),
        ("catalogue", "0035_search_text_trigram_index"),
    ]

    operations = [migrations.RunPython(add_occasions, migrations.RunPython.noop)]
