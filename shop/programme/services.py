"""The OCOP programme's figures for the configured province, computed live from the database.

``programme_figures()`` runs a handful of aggregate queries (no query per row): certified
products are products holding a certificate that shows a badge (verified, not revoked, not
expired, 3 stars or more) whose producer — the partner of the product's stock record — is in
the province ``settings.OCOP_PROVINCE_CODE`` of the scheme ``settings.OCOP_REGION_SCHEME``.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from oscar.core.loading import get_model

from catalogue_ext.text import fold_vietnamese
from shop.producers.models import LegalType
from shop.regions.models import AdministrativeUnit, Level
from shop.showrooms.models import Showroom

Certificate = get_model("catalogue", "Certificate")
ProductGroup = get_model("catalogue", "ProductGroup")

STAR_KEYS = ("3", "4", "5")
PRODUCER = "product__stockrecords__partner__producer"


def programme_province():
    """The configured province (an AdministrativeUnit), or None when regions are not loaded."""
    return (
        AdministrativeUnit.objects.filter(
            scheme=settings.OCOP_REGION_SCHEME,
            level=Level.PROVINCE,
            code=settings.OCOP_PROVINCE_CODE,
        )
        .only("pk", "name", "code", "scheme", "level")
        .first()
    )


def certified_certificates(province, today=None):
    """Badge-eligible certificates of products whose producer is in ``province``."""
    return Certificate.objects.badge_eligible(today=today).filter(
        **{f"{PRODUCER}__province": province}
    )


def _sort_key(name):
    return fold_vietnamese(name or "")


def programme_figures(today=None) -> dict:
    """Every figure of the programme page and ``/ocop/stats.json``, as plain JSON-ready data."""
    today = today or timezone.localdate()
    province = programme_province()
    certificates = certified_certificates(province, today=today)
    distinct_products = Count("product", distinct=True)

    # 1. Totals: products, producers, communes, service products.
    totals = certificates.aggregate(
        products=distinct_products,
        producers=Count(PRODUCER, distinct=True),
        communes=Count(f"{PRODUCER}__commune", distinct=True),
        services=Count(
            "product",
            distinct=True,
            filter=Q(group__is_service=True) | Q(subgroup__is_service=True),
        ),
    )

    # 2. By stars.
    by_stars = dict.fromkeys(STAR_KEYS, 0)
    for row in certificates.values("stars").annotate(products=distinct_products):
        by_stars[str(row["stars"])] = by_stars.get(str(row["stars"]), 0) + row["products"]

    # 3. By product group (the current set's groups, with those of other sets that are used).
    group_counts = {
        row["group_id"]: row["products"]
        for row in certificates.values("group_id").annotate(products=distinct_products)
    }
    groups = ProductGroup.objects.filter(
        Q(parent__isnull=True) & (Q(group_set__is_current=True) | Q(pk__in=list(group_counts)))
    ).select_related("group_set")
    by_group = [
        {
            "code": group.code,
            "name": group.name,
            "name_en": group.name_en,
            "set": group.group_set.code,
            "is_service": group.is_service,
            "products": group_counts.get(group.pk, 0),
        }
        for group in groups.order_by("group_set__code", "code")
    ]
    by_group.sort(key=lambda row: (-row["products"], row["set"], row["code"]))

    # 4. By producer type.
    by_type = {lt.value: {"producers": 0, "products": 0} for lt in LegalType}
    for row in certificates.values(f"{PRODUCER}__legal_type").annotate(
        producers=Count(PRODUCER, distinct=True), products=distinct_products
    ):
        legal_type = row[f"{PRODUCER}__legal_type"]
        if legal_type in by_type:
            by_type[legal_type] = {"producers": row["producers"], "products": row["products"]}

    # 5. By locality: every district-level unit of the province, including those with none.
    district_counts = {
        row[f"{PRODUCER}__district"]: row["products"]
        for row in certificates.values(f"{PRODUCER}__district").annotate(products=distinct_products)
    }
    districts = AdministrativeUnit.objects.filter(level=Level.DISTRICT, province=province).only(
        "pk", "name", "code"
    )
    by_locality = [
        {
            "name": district.short_name,
            "full_name": district.name,
            "code": district.code,
            "products": district_counts.get(district.pk, 0),
        }
        for district in (districts if province else [])
    ]
    by_locality.sort(key=lambda row: (-row["products"], _sort_key(row["name"])))

    # 6. Communes of the province, and showrooms.
    communes_total = (
        AdministrativeUnit.objects.filter(level=Level.COMMUNE, province=province).count()
        if province
        else 0
    )
    showrooms = Showroom.objects.active()
    if province:
        showrooms = showrooms.filter(province=province)

    return {
        "province": (
            {"code": province.code, "name": province.name, "scheme": province.scheme}
            if province
            else None
        ),
        "certified_products": totals["products"],
        "by_stars": by_stars,
        "service_products": totals["services"],
        "producers": totals["producers"],
        "by_producer_type": by_type,
        "by_group": by_group,
        "localities": {
            "with_products": sum(1 for row in by_locality if row["products"]),
            "total": len(by_locality),
            "by_locality": by_locality,
        },
        "communes": {"with_products": totals["communes"], "total": communes_total},
        "showrooms": showrooms.count(),
        "as_of": today.isoformat(),
        "generated_at": timezone.now().isoformat(timespec="seconds"),
    }
