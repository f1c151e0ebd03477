"""Bundle prices: the components' sum less a discount, or a fixed price, in whole dong; the
bundle's stock record kept in step with it (``sync_bundle``)."""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils.translation import gettext
from oscar.core.loading import get_model

from .catalog import (
    bundle_product_class,
    component_queryset,
    marketplace_partner,
    selling_stockrecord,
)
from .models import GiftBundle

# --- Pricing -----------------------------------------------------------------------------


def whole_dong(amount):
    return Decimal(amount).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def components_total(components):
    """Sum of the components' prices × quantities, or None when one has no price."""
    total = Decimal("0")
    for component in components:
        record = selling_stockrecord(component.product)
        if record is None or record.price is None:
            return None
        total += record.price * component.quantity
    return whole_dong(total)


def bundle_price(bundle, components=None):
    """The bundle's price in whole dong, or None when it cannot be priced."""
    if bundle.pricing == GiftBundle.Pricing.FIXED:
        return whole_dong(bundle.fixed_price) if bundle.fixed_price else None
    if components is None:
        components = list(component_queryset().filter(bundle=bundle))
    total = components_total(components)
    if total is None or not components:
        return None
    discount = total * Decimal(bundle.discount_percent) / 100 + (bundle.discount_amount or 0)
    price = whole_dong(total - discount)
    return price if price > 0 else None


def pricing_problem(bundle):
    """Why ``bundle`` cannot be priced, in words, or None when it can."""
    if bundle_price(bundle) is not None:
        return None
    if bundle.pricing == GiftBundle.Pricing.FIXED:
        return gettext("A fixed-price bundle needs its price.")
    components = list(component_queryset().filter(bundle=bundle))
    total = components_total(components)
    if not components or total is None:
        return gettext("A component has no price yet: give it a price before bundling it.")
    from oscar.templatetags.currency_filters import currency

    return gettext(
        "The discount takes the whole components' total (%(total)s): the bundle would cost "
        "nothing. Lower the discount."
    ) % {"total": currency(total)}


def sync_bundle(bundle):
    """Make the bundle sellable as it is defined: product class, the marketplace's stock
    record and its price (only written when it changed)."""
    StockRecord = get_model("partner", "StockRecord")
    product = bundle.product
    product_class = bundle_product_class()
    if product.product_class_id != product_class.pk:
        product.product_class = product_class
        product.save(update_fields=["product_class"])
    price = bundle_price(bundle)
    partner = marketplace_partner()
    record = StockRecord.objects.filter(product=product, partner=partner).first()
    if record is None:
        StockRecord.objects.create(
            product=product,
            partner=partner,
            partner_sku=f"GB-{product.pk}",
            price=price,
            price_currency=settings.OSCAR_DEFAULT_CURRENCY,
        )
        product.save()  # its search text now names the seller
    elif record.price != price:
        StockRecord.objects.filter(pk=record.pk).update(price=price)
    sync_bundle_weight(bundle, product_class)
    return price


WEIGHT_CODE = "weight"


def sync_bundle_weight(bundle, product_class):
    """The bundle weighs what its components weigh (weight-based delivery prices it)."""
    ProductAttribute = get_model("catalogue", "ProductAttribute")
    ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
    parts = list(bundle.components.values_list("product_id", "quantity"))
    weights = dict(
        ProductAttributeValue.objects.filter(
            product_id__in=[pk for pk, _q in parts], attribute__code=WEIGHT_CODE
        ).values_list("product_id", "value_float")
    )
    total = round(sum((weights.get(pk) or 0) * quantity for pk, quantity in parts), 3)
    current = ProductAttributeValue.objects.filter(
        product=bundle.product, attribute__code=WEIGHT_CODE
    ).first()
    if not total:
        if current is not None:
            current.delete()
        return
    if current is not None:
        if current.value_float != total:
            ProductAttributeValue.objects.filter(pk=current.pk).update(value_float=total)
        return
    attribute, _created = ProductAttribute.objects.get_or_create(
        product_class=product_class,
        code=WEIGHT_CODE,
        defaults={"name": "Khối lượng (kg)", "type": "float"},
    )
    ProductAttributeValue.objects.create(
        product=bundle.product, attribute=attribute, value_float=total
    )


def sync_bundles_with(product_id):
    """Re-price the bundles that contain ``product_id`` (after its price changed)."""
    for bundle in GiftBundle.objects.filter(components__product_id=product_id).select_related(
        "product"
    ):
        if bundle.pricing == GiftBundle.Pricing.COMPONENTS:
            sync_bundle(bundle)


# --- Minimum price -------------------------------------------------------------------------


def min_price_percent():
    """The share (%) of its components' price below which no bundle sells (staff set it)."""
    from .models import BundleSettings

    return BundleSettings.current().min_price_percent


def minimum_price(total, percent):
    """The lowest price allowed for components worth ``total``: ``percent`` % of it, rounded
    up to the whole dong (integers only: compared exactly)."""
    return Decimal(-(-int(total) * int(percent) // 100))


def below_floor(price, total, percent):
    """Whether ``price`` is below ``percent`` % of ``total`` (exact: price × 100 < total × %)."""
    if price is None or total is None:
        return False
    return int(price) * 100 < int(total) * int(percent)


def floor_problem(bundle, percent=None, components=None):
    """Why ``bundle``'s price is below the minimum share of its components' price, in words,
    or None when it is not (or cannot be priced: ``pricing_problem`` says why)."""
    from oscar.templatetags.currency_filters import currency

    if components is None:
        components = list(component_queryset().filter(bundle=bundle))
    percent = min_price_percent() if percent is None else percent
    total = components_total(components)
    price = bundle_price(bundle, components)
    if not below_floor(price, total, percent):
        return None
    return gettext(
        "The bundle's price (%(price)s) is below %(percent)s%% of its components' price "
        "(%(total)s): it must cost at least %(minimum)s. Lower the discount or raise the "
        "price."
    ) % {
        "price": currency(price),
        "percent": percent,
        "total": currency(total),
        "minimum": currency(minimum_price(total, percent)),
    }
