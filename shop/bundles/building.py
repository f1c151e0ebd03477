"""Building gift bundles (``save_bundle``) and the default occasions.

Whoever saves a bundle, its price may not be below the minimum share of its components'
price (``pricing.floor_problem``). A new bundle, or a change of its price terms (pricing,
fixed price, discounts, components, quantities), is a new version: live at once when staff
saved it, waiting for staff approval when a producer did (``approval.new_version``).
"""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext
from oscar.core.loading import get_model

from . import approval
from .catalog import bundle_product_class, is_bundle
from .models import BundleComponent, GiftBundle
from .pricing import floor_problem, sync_bundle

# --- Building bundles ----------------------------------------------------------------------

DEFAULT_OCCASIONS = [
    ("tet", "Quà Tết", "Tết (Lunar New Year)", 1),
    ("trung-thu", "Quà Trung thu", "Mid-Autumn Festival", 2),
    ("doanh-nghiep", "Quà doanh nghiệp", "Corporate gifts", 3),
    ("bieu-tang", "Quà biếu, thăm hỏi", "Visits and thank-you gifts", 4),
    ("khac", "Dịp khác", "Other occasions", 9),
]


def ensure_occasions():
    """The default occasions (also added by a migration); existing rows are kept as edited."""
    from .models import Occasion

    for code, name, name_en, order in DEFAULT_OCCASIONS:
        Occasion.objects.get_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "display_order": order}
        )
    return Occasion.objects.all()


def save_bundle(
    *,
    title,
    occasion,
    components,
    bundle=None,
    description="",
    upc="",
    pricing=GiftBundle.Pricing.COMPONENTS,
    fixed_price=None,
    discount_percent=0,
    discount_amount=Decimal("0"),
    owner=None,
    is_public=True,
    by_staff=None,
    actor=None,
):
    """Create or update a gift bundle from ``components`` [(product, quantity)], atomically.

    ``by_staff`` says who saves it (default: staff for a bundle without ``owner``), ``actor``
    the user. Raises ValueError, and saves nothing, when a component is a bundle, is
    repeated or has a quantity below 1, or when the price is below the minimum.
    """
    Product = get_model("catalogue", "Product")
    components = list(components)
    if not components:
        raise ValueError(gettext("A gift bundle needs at least one product."))
    seen = set()
    for product, quantity in components:
        if is_bundle(product):
            raise ValueError(gettext("A gift bundle cannot contain another gift bundle."))
        if product.pk in seen:
            raise ValueError(gettext("Each product may appear only once in a bundle."))
        if int(quantity) < 1:
            raise ValueError(gettext("Quantities must be at least 1."))
        seen.add(product.pk)
    if by_staff is None:
        by_staff = owner is None
    with transaction.atomic():
        before = approval.price_terms(bundle) if bundle is not None else None
        if bundle is None:
            product = Product(product_class=bundle_product_class(), structure="standalone")
        else:
            product = bundle.product
        product.title = title
        product.description = description
        product.is_public = is_public
        if upc:
            product.upc = upc
        product.save()
        if bundle is None:
            bundle = GiftBundle(product=product)
        bundle.occasion = occasion
        bundle.pricing = pricing
        bundle.fixed_price = fixed_price if pricing == GiftBundle.Pricing.FIXED else None
        bundle.discount_percent = discount_percent or 0
        bundle.discount_amount = discount_amount or Decimal("0")
        bundle.owner = owner
        bundle.save()
        bundle.components.exclude(product__in=[p for p, _q in components]).delete()
        for order, (component_product, quantity) in enumerate(components):
            BundleComponent.objects.update_or_create(
                bundle=bundle,
                product=component_product,
                defaults={"quantity": int(quantity), "display_order": order},
            )
        sync_bundle(bundle)
        problem = floor_problem(bundle)
        if problem:
            raise ValueError(problem)
        if before != approval.price_terms(bundle):
            approval.new_version(bundle, by_staff=by_staff, actor=actor, first=before is None)
    return bundle
