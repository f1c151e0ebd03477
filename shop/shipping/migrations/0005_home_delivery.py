"""Home delivery ("Giao hàng tận nơi"): weight bands in kg, free from 1.000.000 ₫."""

from decimal import Decimal

from django.db import migrations

BANDS = [(Decimal("1"), 30000), (Decimal("3"), 45000), (Decimal("5"), 60000), (Decimal("10"), 90000)]


def add_home_delivery(apps, schema_editor):
    WeightBased = apps.get_model("shipping", "WeightBased")
    WeightBand = apps.get_model("shipping", "WeightBand")
    method, created = WeightBased.objects.get_or_create(
        code="home-delivery",
        defaults={
            "name": "Giao hàng tận nơi",
            "description": "Giao hàng tận nơi trên toàn quốc; phí tính theo cân nặng.",
            "default_weight": Decimal("0.5"),
            "free_shipping_threshold": Decimal("1000000"),
        },
    )
    if created:
        for upper, charge in BANDS:
            WeightBand.objects.create(method=method, upper_limit=upper, charge=Decimal(charge))


class Migration(migrations.Migration):
    dependencies = [("shipping", "0004_free_shipping_threshold")]

    operations = [migrations.RunPython(add_home_delivery, migrations.RunPython.noop)]
