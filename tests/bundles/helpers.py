"""Gift bundles for the tests: components from several producers."""

from decimal import Decimal

from shop.bundles import services
from shop.bundles.models import Occasion
from tests import factories


def occasion(code="tet"):
    services.ensure_occasions()
    return Occasion.objects.get(code=code)


def component(num_in_stock=10, price=Decimal("100000"), stars=3, producer=None, **kwargs):
    """A certified product of its own producer, with ``num_in_stock`` units."""
    product = factories.certified_product(stars=stars, price=price, producer=producer, **kwargs)
    record = product.stockrecords.get()
    record.num_in_stock = num_in_stock
    record.save()
    return product


def bundle(parts, title="Hộp quà Tết thử", **kwargs):
    """A public gift bundle of ``parts`` [(product, quantity)] (components' sum by default)."""
    kwargs.setdefault("occasion", occasion())
    return services.save_bundle(title=title, components=parts, **kwargs).product


def free(product):
    record = product.stockrecords.order_by("pk").first()
    record.refresh_from_db()
    return services.free_stock(record)
