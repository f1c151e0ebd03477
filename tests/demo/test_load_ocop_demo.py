"""The demo catalogue reproduces the provincial report's figures and loads idempotently."""

import datetime
from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db.models import Count
from oscar.core.loading import get_model
from PIL import Image

from shop.core.demo import data
from shop.core.demo.loader import load_demo
from shop.producers.models import Producer
from shop.regions.models import AdministrativeUnit
from shop.regions.services import load_regions
from shop.showrooms.models import Showroom

Category = get_model("catalogue", "Category")
Certificate = get_model("catalogue", "Certificate")
CertificateEvent = get_model("catalogue", "CertificateEvent")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 29)
PRODUCER = "stockrecords__partner__producer"


@pytest.fixture
def demo():
    return load_demo()


def certified_products():
    """Products with a badge-eligible certificate whose producer is in Quảng Ngãi (pre-2025)."""
    return Product.objects.filter(
        ocop_certificate__in=Certificate.objects.badge_eligible(today=TODAY),
        **{f"{PRODUCER}__province__code": 51, f"{PRODUCER}__province__scheme": "pre2025"},
    ).distinct()


def test_figures_equal_the_report(demo):
    products = certified_products()
    assert products.count() == 61
    stars = Counter(products.values_list("ocop_certificate__stars", flat=True))
    assert stars == {3: 57, 4: 4}
    assert products.filter(ocop_certificate__group__is_service=True).count() == 2

    producers = Producer.objects.filter(partner__stockrecords__product__in=products).distinct()
    assert producers.count() == 31
    by_type = {
        row["legal_type"]: (row["producers"], row["products"])
        for row in producers.order_by()
        .values("legal_type")
        .annotate(
            producers=Count("pk", distinct=True),
            products=Count("partner__stockrecords__product", distinct=True),
        )
    }
    assert by_type == {"enterprise": (8, 22), "cooperative": (12, 24), "household": (11, 15)}

    by_district = Counter(products.values_list(f"{PRODUCER}__district__name", flat=True))
    assert by_district == {
        "Huyện Mộ Đức": 19,
        "Thành phố Quảng Ngãi": 12,
        "Huyện Trà Bồng": 11,
        "Huyện Lý Sơn": 5,
        "Huyện Bình Sơn": 3,
        "Huyện Tư Nghĩa": 3,
        "Huyện Sơn Hà": 3,
        "Thị xã Đức Phổ": 3,
        "Huyện Nghĩa Hành": 2,
    }
    districts = AdministrativeUnit.objects.districts().filter(province__code=51)
    assert districts.count() == 13
    empty = districts.exclude(name__in=by_district).values_list("name", flat=True)
    assert sorted(empty) == ["Huyện Ba Tơ", "Huyện Minh Long", "Huyện Sơn Tây", "Huyện Sơn Tịnh"]

    communes = producers.exclude(commune=None).values("commune").distinct()
    assert communes.count() == 27
    assert AdministrativeUnit.objects.communes().filter(province__code=51).count() == 173
    assert not producers.filter(district__name="Huyện Lý Sơn").exclude(commune=None).exists()
    assert Showroom.objects.active().filter(province__code=51).count() == 5


def test_certificates_are_provincial_valid_and_consistent_with_stars(demo):
    certificates = Certificate.objects.select_related("group", "subgroup", "group__group_set")
    assert certificates.count() == 61
    for certificate in certificates:
        assert certificate.status_on(TODAY) == "valid", certificate
        assert certificate.shows_badge
        assert certificate.verified and not certificate.revoked
        assert certificate.level == "province"
        assert certificate.issuer == "UBND tỉnh Quảng Ngãi"
        assert certificate.decision_number.endswith("/QĐ-UBND")
        assert datetime.date(2024, 6, 1) <= certificate.decision_date <= datetime.date(2025, 10, 31)
        assert certificate.expires_on > datetime.date(2027, 5, 31)
        low, high = {3: (50, 69), 4: (70, 89)}[certificate.stars]
        assert low <= certificate.score <= high
        assert certificate.group.group_set.code == "qd-148-2023"
        assert certificate.subgroup.parent == certificate.group


def test_a_four_star_product_keeps_its_upgrade_history(demo):
    certificate = Certificate.objects.get(product__upc="QNG-0001")
    assert certificate.product.title == "Mạch nha Thi Phổ"
    assert (certificate.stars, certificate.decision_number) == (4, "1377/QĐ-UBND")
    assert certificate.expires_on == datetime.date(2028, 10, 15)
    events = list(certificate.events.values_list("kind", "from_stars", "to_stars"))
    assert events == [("issued", None, 3), ("upgraded", 3, 4)]
    issued, upgraded = certificate.events.all()
    assert issued.decision_number == "745/QĐ-UBND"
    assert issued.date_created.date() == datetime.date(2024, 6, 14)
    assert upgraded.date_created.date() == datetime.date(2025, 10, 15)
    upgrades = CertificateEvent.objects.filter(kind="upgraded", from_stars=3, to_stars=4)
    assert upgrades.count() == 2


def test_services_are_not_shipped_and_goods_are(demo):
    services = Product.objects.filter(ocop_certificate__group__code="6")
    assert services.count() == 2
    for product in services:
        assert product.product_class.requires_shipping is False
        assert product.product_class.track_stock is False
        assert not product.attribute_values.exists()
    goods = Product.objects.exclude(pk__in=services)
    assert set(goods.values_list("product_class__requires_shipping", flat=True)) == {True}
    weights = ProductAttributeValue.objects.filter(attribute__code="weight")
    # Gift bundles weigh what their components weigh; they are not OCOP products.
    assert weights.exclude(product__product_class__slug="gift-bundle").count() == 59


def test_every_product_is_public_stocked_categorised_and_pictured(demo):
    # Gift bundles are made of these products, not OCOP products themselves (tests/bundles).
    products = Product.objects.exclude(product_class__slug="gift-bundle").prefetch_related(
        "stockrecords__partner__producer", "categories"
    )
    assert products.count() == 61
    for product in products:
        assert product.is_public
        assert product.upc.startswith("QNG-")
        (stockrecord,) = product.stockrecords.all()
        assert stockrecord.partner.producer.verified
        assert stockrecord.partner_sku
        assert stockrecord.price_currency == "VND"
        assert 25000 <= stockrecord.price <= 850000
        assert stockrecord.price == stockrecord.price.to_integral_value()
        assert 20 <= stockrecord.num_in_stock <= 300

        certificate = product.ocop
        (category,) = product.categories.all()
        root = category.get_root()
        assert root.name == certificate.group.name
        assert category.name in (certificate.subgroup.name, certificate.group.name)

        image = product.primary_image()
        assert image.original.name.endswith(".jpg")
        assert default_storage.exists(image.original.name)
        with default_storage.open(image.original.name) as handle:
            assert Image.open(handle).size == (600, 600)
        assert default_storage.exists(stockrecord.partner.producer.logo.name)


def test_categories_mirror_the_groups_in_use(demo):
    roots = list(Category.get_root_nodes().values_list("name", flat=True))
    assert roots == [
        "Thực phẩm",
        "Đồ uống",
        "Dược liệu và sản phẩm từ dược liệu",
        "Hàng thủ công mỹ nghệ",
        "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
    ]
    food = Category.get_root_nodes().get(name="Thực phẩm")
    assert [c.name for c in food.get_children()] == [
        "Thực phẩm thô, sơ chế",
        "Thực phẩm chế biến",
        "Gia vị",
        "Chè",
        "Cà phê, ca cao",
    ]
    # No empty category: each has products of its own or in its sub-categories.
    for category in Category.objects.all():
        subtree = category.get_descendants_and_self()
        assert ProductCategory.objects.filter(category__in=subtree).exists(), category


def test_products_are_named_in_vietnamese_with_english_descriptions(demo):
    garlic = Product.objects.get(title="Tỏi cô đơn Lý Sơn")
    assert garlic.ocop.stars == 4
    vietnamese, english = garlic.description.split("\n")
    assert "Lý Sơn" in vietnamese and vietnamese.startswith("<p>")
    assert english.startswith('<p lang="en">') and "garlic" in english
    assert garlic.stockrecords.get().partner.name == "HTX Dịch vụ tổng hợp An Hải Lý Sơn"
    # The producer's name is part of the search text from the start.
    assert "an hai ly son" in garlic.search_text
    for title in [
        "Mạch nha Thi Phổ",
        "Đường phèn Quảng Ngãi",
        "Kẹo gương Quảng Ngãi",
        "Quế ống Trà Bồng",
        "Tinh dầu quế Trà Bồng",
        "Nước mắm Sa Huỳnh 40 độ đạm",
        "Muối Sa Huỳnh",
        "Cá bống sông Trà kho tiêu",
        "Hành tím Lý Sơn",
        "Mật ong rừng Sơn Hà",
        "Chả cá Quảng Ngãi",
        "Tỏi đen Lý Sơn",
        "Bò một nắng Cô Ba",
        "Tỏi Lý Sơn",
    ]:
        assert Product.objects.filter(title=title).exists(), title


def snapshot():
    """Every row the demo writes, with its timestamps: equal snapshots mean nothing changed."""
    models = [
        AdministrativeUnit,
        Partner,
        Producer,
        Product,
        ProductClass,
        ProductCategory,
        ProductAttributeValue,
        ProductImage,
        StockRecord,
        Certificate,
        CertificateEvent,
        Category,
        Showroom,
        get_user_model(),
    ]
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in models}


def test_second_run_changes_nothing(demo):
    before = snapshot()
    files = {
        name: default_storage.get_modified_time(name)
        for name in ProductImage.objects.values_list("original", flat=True)
    }

    again = load_demo()

    assert again.total("created") == 0
    assert again.total("updated") == 0
    assert (
        again.total("unchanged")
        == demo.total("created") - demo.counts["administrative units"]["created"]
    )
    assert snapshot() == before
    assert {
        name: default_storage.get_modified_time(name) for name in files
    } == files  # images are not regenerated


def test_an_edited_row_is_restored_and_a_missing_image_redrawn(demo):
    StockRecord.objects.filter(product__upc="QNG-0009").update(price=1)
    image = ProductImage.objects.get(product__upc="QNG-0009")
    default_storage.delete(image.original.name)

    again = load_demo()

    assert again.counts["stock records"]["updated"] == 1
    assert again.counts["image files"]["created"] == 1
    assert again.total("created") == 1
    assert StockRecord.objects.get(product__upc="QNG-0009").price == 55000
    assert default_storage.exists(image.original.name)
    assert ProductImage.objects.filter(product__upc="QNG-0009").count() == 1


def test_regions_are_loaded_only_when_missing():
    load_regions(province_codes=[51])
    tally = load_demo()
    assert "administrative units" not in tally.counts
    assert AdministrativeUnit.objects.filter(province__code=51).count() == 1 + 13 + 173


def test_command_reports_counts_and_creates_staff_only_on_request(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("load_ocop_demo", stdout=out)
    assert "products: 61 created" in out.getvalue()
    assert "createsuperuser" in out.getvalue()
    User = get_user_model()
    assert not User.objects.filter(email="admin@ocop.local").exists()

    out = StringIO()
    call_command("load_ocop_demo", "--with-staff", stdout=out)
    assert "products: 0 created, 0 updated, 61 unchanged" in out.getvalue()
    assert "Demo staff account created: admin@ocop.local" in out.getvalue()
    staff = User.objects.get(email="admin@ocop.local")
    assert staff.is_staff and staff.is_superuser

    out = StringIO()
    call_command("load_ocop_demo", "--with-staff", stdout=out)
    assert "0 created, 0 updated" in out.getvalue()
    assert "already exists" in out.getvalue()
    assert User.objects.filter(email="admin@ocop.local").count() == 1


def test_data_module_matches_the_report_without_a_database():
    products = list(data.all_products())
    assert len(products) == 61
    assert len({p.upc for _, p in products}) == 61
    assert len({p.slug for p in data.PRODUCERS}) == 31
    assert len(data.SHOWROOMS) == 5
