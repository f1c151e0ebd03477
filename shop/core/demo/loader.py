"""Loads the demo catalogue (``shop.core.demo.data``) into the database, idempotently.

Every row is keyed by a stable identifier (product UPC, producer and showroom slugs, partner
code, category slug, product group code, image code), and a row is written only when it is
missing or differs from the data: a second run changes nothing and reports every row as
unchanged. Product images are drawn locally (``images.py``) and only when their file is
missing.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model
from oscar.core.utils import slugify

from catalogue_ext.models import CERTIFICATE_VALIDITY_MONTHS, add_months
from shop.producers.models import Producer
from shop.regions.models import AdministrativeUnit, Level, Scheme
from shop.regions.services import load_regions
from shop.showrooms.models import Showroom

from . import data, images

Category = get_model("catalogue", "Category")
Certificate = get_model("catalogue", "Certificate")
CertificateEvent = get_model("catalogue", "CertificateEvent")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
ProductGroup = get_model("catalogue", "ProductGroup")
ProductGroupSet = get_model("catalogue", "ProductGroupSet")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

GOODS_CLASS = {"slug": "ocop-goods", "name": "Sản phẩm OCOP", "requires_shipping": True}
SERVICE_CLASS = {
    "slug": "ocop-tourism-service",
    "name": "Dịch vụ du lịch OCOP",
    "requires_shipping": False,
}
WEIGHT_ATTRIBUTE = {"code": "weight", "name": "Khối lượng (kg)", "type": "float"}
IMAGE_FOLDER = "images/products/demo"
LOGO_FOLDER = "producers/logos/demo"


class Tally:
    """Counts of created / updated / unchanged rows, per kind of row."""

    def __init__(self):
        self.counts = defaultdict(lambda: {"created": 0, "updated": 0, "unchanged": 0})

    def add(self, kind, outcome):
        self.counts[kind][outcome] += 1

    def total(self, outcome):
        return sum(c[outcome] for c in self.counts.values())

    def lines(self):
        for kind, c in self.counts.items():
            yield (
                f"{kind}: {c['created']} created, {c['updated']} updated, "
                f"{c['unchanged']} unchanged"
            )


def sync(tally, kind, model, lookup, values, obj=None, before_save=None):
    """Create the row ``lookup`` + ``values``, or bring an existing one up to ``values``."""
    if obj is None:
        obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        if before_save:
            before_save(obj)
        obj.save()
        tally.add(kind, "created")
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        if before_save:
            before_save(obj)
        obj.save()
        tally.add(kind, "updated")
    else:
        tally.add(kind, "unchanged")
    return obj


def money(amount: int) -> Decimal:
    return Decimal(amount).quantize(Decimal("1"))


def decision_datetime(day: datetime.date):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


class DemoLoader:
    def __init__(self, stdout=None):
        self.tally = Tally()
        self.stdout = stdout

    # --- entry point -----------------------------------------------------------------------
    def load(self):
        # Oscar logs a line per new stock record ("Sending alerts for …"): quiet while loading.
        alerts_logger = logging.getLogger("oscar.alerts")
        level = alerts_logger.level
        alerts_logger.setLevel(logging.WARNING)
        try:
            return self._load()
        finally:
            alerts_logger.setLevel(level)

    @transaction.atomic
    def _load(self):
        self.load_regions()
        self.load_groups()
        self.load_product_classes()
        self.load_categories()
        self.load_producers()
        self.load_products()
        self.load_showrooms()
        self.load_bundles()
        return self.tally

    # --- regions and taxonomy --------------------------------------------------------------
    def load_regions(self):
        province = AdministrativeUnit.objects.filter(
            scheme=Scheme.PRE_2025, level=Level.PROVINCE, code=data.PROVINCE_CODE
        ).first()
        if province is None:
            result = load_regions(province_codes=[data.PROVINCE_CODE])
            self.tally.counts["administrative units"]["created"] += result.total_created
        units = AdministrativeUnit.objects.filter(
            scheme=Scheme.PRE_2025, province__code=data.PROVINCE_CODE, province__level="province"
        )
        self.units = {(u.level, u.code): u for u in units}
        self.province = self.units[(Level.PROVINCE, data.PROVINCE_CODE)]

    def unit(self, level, code):
        if code is None:
            return None
        try:
            return self.units[(level, code)]
        except KeyError:
            raise ImproperlyConfigured(f"No {level} with code {code} in province 51.")

    def load_groups(self):
        group_set = ProductGroupSet.objects.filter(code=data.GROUP_SET).first()
        if group_set is None:
            raise ImproperlyConfigured(
                f"Product group set {data.GROUP_SET!r} is missing: run `manage.py migrate`."
            )
        self.groups = {g.code: g for g in group_set.groups.all()}

    def load_product_classes(self):
        self.classes = {}
        for key, spec, flag in (("goods", GOODS_CLASS, True), ("service", SERVICE_CLASS, False)):
            self.classes[key] = sync(
                self.tally,
                "product classes",
                ProductClass,
                {"slug": spec["slug"]},
                {
                    "name": spec["name"],
                    "requires_shipping": spec["requires_shipping"],
                    "track_stock": flag,
                },
            )
        self.weight = sync(
            self.tally,
            "product attributes",
            ProductAttribute,
            {"product_class": self.classes["goods"], "code": WEIGHT_ATTRIBUTE["code"]},
            {"name": WEIGHT_ATTRIBUTE["name"], "type": WEIGHT_ATTRIBUTE["type"]},
        )

    def load_categories(self):
        """Oscar categories mirroring the certificate groups and the sub-groups in use."""
        used = sorted({p.subgroup for _, p in data.all_products()})
        self.categories = {}
        for group_code in sorted({code.split(".")[0] for code in used}):
            group = self.groups[group_code]
            self.categories[group_code] = self.sync_category(None, group)
        for code in used:
            subgroup = self.groups[code]
            parent = subgroup.parent
            if subgroup.name == parent.name:
                # A group with one sub-group of the same name: one category is enough.
                self.categories[code] = self.categories[parent.code]
            else:
                self.categories[code] = self.sync_category(self.categories[parent.code], subgroup)

    def sync_category(self, parent, group):
        slug = slugify(group.name)[:255]
        values = {
            "name": group.name,
            "description": f"<p>{group.name_en}</p>" if group.name_en else "",
            "is_public": True,
        }
        siblings = Category.get_root_nodes() if parent is None else parent.get_children()
        category = siblings.filter(slug=slug).first()
        if category is None:
            category = (
                Category.add_root(slug=slug, **values)
                if parent is None
                else parent.add_child(slug=slug, **values)
            )
            self.tally.add("categories", "created")
            return category
        return sync(self.tally, "categories", Category, {}, values, obj=category)

    # --- producers --------------------------------------------------------------------------
    def load_producers(self):
        self.producers = {}
        existing = {
            p.slug: p
            for p in Producer.objects.select_related("partner").filter(
                slug__in=[spec.slug for spec in data.PRODUCERS]
            )
        }
        for index, spec in enumerate(data.PRODUCERS):
            producer = existing.get(spec.slug)
            partner = sync(
                self.tally,
                "partners",
                Partner,
                {"code": spec.slug},
                {"name": spec.name},
                obj=producer.partner if producer else None,
            )
            district = self.unit(Level.DISTRICT, spec.district)
            commune = self.unit(Level.COMMUNE, spec.commune)
            values = {
                "partner_id": partner.pk,
                "legal_type": spec.legal_type,
                "tax_code": data.tax_code(index),
                "province_id": self.province.pk,
                "district_id": district.pk,
                "commune_id": commune.pk if commune else None,
                "street_address": spec.street_address,
                "story": spec.story,
                "story_en": spec.story_en,
                "representative": spec.representative,
                "phone": spec.phone,
                "founded_year": spec.founded_year,
                "verified": True,
                "is_public": True,
            }
            producer = sync(
                self.tally, "producers", Producer, {"slug": spec.slug}, values, obj=producer
            )
            self.sync_logo(producer, spec)
            self.producers[spec.slug] = producer

    def sync_logo(self, producer, spec):
        path = f"{LOGO_FOLDER}/{spec.slug}.png"
        if producer.logo.name == path and default_storage.exists(path):
            self.tally.add("producer logos", "unchanged")
            return
        if not default_storage.exists(path):
            images.save(path, images.producer_logo(spec.name, spec.legal_type))
        outcome = "updated" if producer.logo.name else "created"
        producer.logo.name = path
        Producer.objects.filter(pk=producer.pk).update(logo=path)
        self.tally.add("producer logos", outcome)

    # --- products ---------------------------------------------------------------------------
    def load_products(self):
        specs = list(data.all_products())
        upcs = [p.upc for _, p in specs]
        products = {p.upc: p for p in Product.objects.filter(upc__in=upcs)}
        certificates = {c.product_id: c for c in Certificate.objects.filter(product__upc__in=upcs)}
        stockrecords = {
            (s.product_id, s.partner_id): s
            for s in StockRecord.objects.filter(product__upc__in=upcs)
        }
        links = set(
            ProductCategory.objects.filter(product__upc__in=upcs).values_list(
                "product_id", "category_id"
            )
        )
        weights = {
            v.product_id: v
            for v in ProductAttributeValue.objects.filter(
                product__upc__in=upcs, attribute=self.weight
            )
        }
        pictures = {
            i.code: i for i in ProductImage.objects.filter(code__in=[image_code(u) for u in upcs])
        }
        for producer_spec, spec in specs:
            producer = self.producers[producer_spec.slug]
            product = self.sync_product(spec, producer, products.get(spec.upc))
            self.sync_category_link(product, spec, links)
            self.sync_stockrecord(product, spec, producer, stockrecords)
            self.sync_weight(product, spec, weights.get(product.pk))
            self.sync_certificate(product, spec, certificates.get(product.pk))
            self.sync_image(product, spec, pictures.get(image_code(spec.upc)))

    def sync_product(self, spec, producer, product):
        product_class = self.classes["service" if spec.is_service else "goods"]
        values = {
            "title": spec.title,
            "slug": slugify(spec.title)[:128],
            "description": (
                f'<p>{spec.description_vi}</p>\n<p lang="en">{spec.description_en}</p>'
            ),
            "structure": Product.STANDALONE,
            "product_class_id": product_class.pk,
            "is_public": True,
            "is_discountable": True,
        }

        def with_producer_name(obj):
            # Lets the search text include the producer's name without a query.
            obj._search_partner_names = [producer.partner.name]

        return sync(
            self.tally,
            "products",
            Product,
            {"upc": spec.upc},
            values,
            obj=product,
            before_save=with_producer_name,
        )

    def sync_category_link(self, product, spec, links):
        category = self.categories[spec.subgroup]
        if (product.pk, category.pk) in links:
            self.tally.add("product categories", "unchanged")
        else:
            ProductCategory.objects.create(product=product, category=category)
            self.tally.add("product categories", "created")

    def sync_stockrecord(self, product, spec, producer, stockrecords):
        sync(
            self.tally,
            "stock records",
            StockRecord,
            {"product": product, "partner": producer.partner},
            {
                "partner_sku": spec.upc,
                "price_currency": "VND",
                "price": money(spec.price),
                "num_in_stock": spec.stock,
            },
            obj=stockrecords.get((product.pk, producer.partner_id)),
        )

    def sync_weight(self, product, spec, value):
        if spec.weight_kg is None:
            return
        sync(
            self.tally,
            "weights",
            ProductAttributeValue,
            {"product": product, "attribute": self.weight},
            {"value_float": spec.weight_kg},
            obj=value,
        )

    def sync_certificate(self, product, spec, certificate):
        number, day = data.DECISIONS[spec.decision]
        final = {
            "stars": spec.stars,
            "score": spec.score,
            "group_id": self.groups[spec.group].pk,
            "subgroup_id": self.groups[spec.subgroup].pk,
            "level": data.LEVEL,
            "issuer": data.ISSUER,
            "decision_number": number,
            "decision_date": day,
            "expires_on": add_months(day, CERTIFICATE_VALIDITY_MONTHS),
            "verified": True,
            "revoked": False,
        }
        if certificate is None and spec.first_issue:
            # First recognised at a lower rating, then upgraded: the history records both.
            stars, score, decision = spec.first_issue
            first_number, first_day = data.DECISIONS[decision]
            certificate = Certificate(
                product=product,
                **{
                    **final,
                    "stars": stars,
                    "score": score,
                    "decision_number": first_number,
                    "decision_date": first_day,
                    "expires_on": add_months(first_day, CERTIFICATE_VALIDITY_MONTHS),
                },
            )
            certificate.save(note="Công nhận lần đầu / First recognition")
            certificate.events.update(date_created=decision_datetime(first_day))
            for name, value in final.items():
                setattr(certificate, name, value)
            certificate.save(note="Nâng hạng / Upgraded")
            certificate.events.filter(kind=CertificateEvent.Kind.UPGRADED).update(
                date_created=decision_datetime(day)
            )
            self.tally.add("certificates", "created")
            return certificate
        if certificate is None:
            certificate = Certificate(product=product, **final)
            certificate.save()
            certificate.events.update(date_created=decision_datetime(day))
            self.tally.add("certificates", "created")
            return certificate
        return sync(self.tally, "certificates", Certificate, {}, final, obj=certificate)

    def sync_image(self, product, spec, picture):
        path = f"{IMAGE_FOLDER}/{spec.upc.lower()}.jpg"
        if not default_storage.exists(path):
            images.save(path, images.product_image(spec.title, spec.group, spec.upc))
            self.tally.add("image files", "created")
        else:
            self.tally.add("image files", "unchanged")
        sync(
            self.tally,
            "product images",
            ProductImage,
            {"code": image_code(spec.upc)},
            {
                "product_id": product.pk,
                "original": path,
                "caption": spec.title,
                "display_order": 0,
            },
            obj=picture,
        )

    # --- showrooms and staff ----------------------------------------------------------------
    def load_bundles(self):
        from shop.bundles.demo import load_demo_bundles

        load_demo_bundles(self.tally)

    def load_showrooms(self):
        for spec in data.SHOWROOMS:
            commune = self.unit(Level.COMMUNE, spec["commune"])
            sync(
                self.tally,
                "showrooms",
                Showroom,
                {"slug": spec["slug"]},
                {
                    "name": spec["name"],
                    "province_id": self.province.pk,
                    "district_id": self.unit(Level.DISTRICT, spec["district"]).pk,
                    "commune_id": commune.pk if commune else None,
                    "street_address": spec["street_address"],
                    "phone": spec["phone"],
                    "opening_hours": spec["opening_hours"],
                    "operator": spec["operator"],
                    "is_active": True,
                },
            )


def image_code(upc: str) -> str:
    return f"demo-{upc.lower()}"


def load_demo():
    """Load the demo catalogue; returns the ``Tally`` of what was created or left unchanged."""
    return DemoLoader().load()
