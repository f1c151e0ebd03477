"""Demo gift bundles made of the demo catalogue's products (``load_ocop_demo``).

Bundles are not OCOP products: they hold no certificate and never count in the programme's
figures. Loading is idempotent: an unchanged bundle is left untouched.
"""

from decimal import Decimal

from oscar.core.loading import get_model

from . import services
from .models import GiftBundle, Occasion

# upc, title, occasion, description, pricing, fixed price, discount %, [(component upc, qty)]
DEMO_BUNDLES = (
    (
        "GIFT-0001",
        "Hộp quà Tết Quảng Ngãi",
        "tet",
        "Mạch nha Thi Phổ, đường phèn và quế Trà Bồng trong một hộp quà Tết. "
        "Thi Phổ malt syrup, rock sugar and Trà Bồng cinnamon in one Tết gift box.",
        GiftBundle.Pricing.COMPONENTS,
        None,
        10,
        [("QNG-0001", 2), ("QNG-0009", 1), ("QNG-0033", 1)],
    ),
    (
        "GIFT-0002",
        "Quà biếu Lý Sơn",
        "bieu-tang",
        "Tỏi cô đơn, tỏi đen và hành tím của đảo Lý Sơn. "
        "Single-clove garlic, black garlic and shallots from Lý Sơn island.",
        GiftBundle.Pricing.COMPONENTS,
        None,
        5,
        [("QNG-0043", 1), ("QNG-0046", 1), ("QNG-0044", 1)],
    ),
    (
        "GIFT-0003",
        "Hộp quà Trung thu trà và kẹo",
        "trung-thu",
        "Kẹo gương, kẹo đậu phộng và trà quế cho đêm Trung thu. "
        "Sesame brittle, peanut candy and cinnamon tea for the Mid-Autumn night.",
        GiftBundle.Pricing.FIXED,
        Decimal("250000"),
        0,
        [("QNG-0016", 1), ("QNG-0053", 1), ("QNG-0035", 1)],
    ),
)


def load_demo_bundles(tally):
    Product = get_model("catalogue", "Product")
    services.ensure_occasions()
    for upc, title, occasion_code, description, pricing, fixed, percent, parts in DEMO_BUNDLES:
        components = [(Product.objects.get(upc=code), qty) for code, qty in parts]
        occasion = Occasion.objects.get(code=occasion_code)
        bundle = GiftBundle.objects.filter(product__upc=upc).select_related("product").first()
        wanted = {
            "title": title,
            "description": description,
            "occasion_id": occasion.pk,
            "pricing": pricing,
            "fixed_price": fixed,
            "discount_percent": percent,
            "components": sorted((p.pk, q) for p, q in components),
        }
        if bundle is not None and _current(bundle) == wanted:
            services.sync_bundle(bundle)  # writes only a price that drifted
            tally.add("gift bundles", "unchanged")
            _sync_image(bundle.product, title, occasion_code, upc, tally)
            continue
        saved = services.save_bundle(
            bundle=bundle,
            upc=upc,
            title=title,
            description=description,
            occasion=occasion,
            components=components,
            pricing=pricing,
            fixed_price=fixed,
            discount_percent=percent,
        )
        tally.add("gift bundles", "created" if bundle is None else "updated")
        _sync_image(saved.product, title, occasion_code, upc, tally)


def _sync_image(product, title, occasion_code, upc, tally):
    """The bundle's picture, drawn locally once (like the demo products' images)."""
    from django.core.files.storage import default_storage

    from shop.core.demo import images
    from shop.core.demo.loader import IMAGE_FOLDER, image_code, sync

    ProductImage = get_model("catalogue", "ProductImage")
    path = f"{IMAGE_FOLDER}/{upc.lower()}.jpg"
    if not default_storage.exists(path):
        images.save(path, images.gift_image(title, occasion_code, upc))
        tally.add("image files", "created")
    else:
        tally.add("image files", "unchanged")
    sync(
        tally,
        "product images",
        ProductImage,
        {"code": image_code(upc)},
        {"product_id": product.pk, "original": path, "caption": title, "display_order": 0},
    )


def _current(bundle):
    return {
        "title": bundle.product.title,
        "description": bundle.product.description,
        "occasion_id": bundle.occasion_id,
        "pricing": bundle.pricing,
        "fixed_price": bundle.fixed_price,
        "discount_percent": bundle.discount_percent,
        "components": sorted(bundle.components.values_list("product_id", "quantity")),
    }
