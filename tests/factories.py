"""Typed factories for the marketplace's models (Oscar's own factories cover the rest)."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
ProductGroupSet = get_model("catalogue", "ProductGroupSet")
ProductGroup = get_model("catalogue", "ProductGroup")
Certificate = get_model("catalogue", "Certificate")


class AdministrativeUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "regions.AdministrativeUnit"
        django_get_or_create = ("scheme", "level", "code")

    scheme = "pre2025"
    level = "province"
    code = 51
    name = "Tỉnh Quảng Ngãi"
    division_type = "tỉnh"


class ProvinceFactory(AdministrativeUnitFactory):
    pass


class DistrictFactory(AdministrativeUnitFactory):
    level = "district"
    code = factory.Sequence(lambda n: 9000 + n)
    name = factory.Sequence(lambda n: f"Huyện Thử {n}")
    division_type = "huyện"
    parent = factory.SubFactory(ProvinceFactory)
    province = factory.SelfAttribute("parent")


class CommuneFactory(AdministrativeUnitFactory):
    level = "commune"
    code = factory.Sequence(lambda n: 90000 + n)
    name = factory.Sequence(lambda n: f"Xã Thử {n}")
    division_type = "xã"
    parent = factory.SubFactory(DistrictFactory)
    province = factory.SelfAttribute("parent.province")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"HTX Đặc sản {n}")


class ProducerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "producers.Producer"

    partner = factory.SubFactory(PartnerFactory)
    legal_type = "cooperative"
    tax_code = factory.Sequence(lambda n: f"43{n:08d}")
    commune = factory.SubFactory(CommuneFactory)
    district = factory.SelfAttribute("commune.parent")
    province = factory.SelfAttribute("commune.province")
    story = "Hợp tác xã sản xuất đặc sản địa phương."
    verified = True


class ProductGroupSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductGroupSet
        django_get_or_create = ("code",)

    code = "qd-148-2023"
    name = "Quyết định 148/QĐ-TTg (2023)"
    is_current = True


class ProductGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductGroup
        django_get_or_create = ("group_set", "code")

    group_set = factory.SubFactory(ProductGroupSetFactory)
    code = "1"
    name = "Thực phẩm"
    name_en = "Food"


class ProductClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductClass
        django_get_or_create = ("slug",)

    name = "Đặc sản"
    slug = "dac-san"
    requires_shipping = True
    track_stock = True


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product
        skip_postgeneration_save = True

    structure = "standalone"
    title = factory.Sequence(lambda n: f"Sản phẩm thử {n}")
    upc = factory.Sequence(lambda n: f"OCOP-T{n:05d}")
    product_class = factory.SubFactory(ProductClassFactory)
    is_public = True


class StockRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StockRecord

    product = factory.SubFactory(ProductFactory)
    partner = factory.SubFactory(PartnerFactory)
    partner_sku = factory.Sequence(lambda n: f"SKU{n:05d}")
    price_currency = "VND"
    price = Decimal("125000")
    num_in_stock = 20


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    product = factory.SubFactory(ProductFactory)
    stars = 3
    score = 62
    group = factory.SubFactory(ProductGroupFactory)
    level = "province"
    issuer = "UBND tỉnh Quảng Ngãi"
    decision_number = factory.Sequence(lambda n: f"{100 + n}/QĐ-UBND")
    decision_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=90))


def certified_product(stars=3, price=Decimal("125000"), producer=None, **product_kwargs):
    """A public product sold by ``producer`` (a new one if None) with a valid certificate."""
    producer = producer or ProducerFactory()
    product = ProductFactory(**product_kwargs)
    StockRecordFactory(product=product, partner=producer.partner, price=price)
    CertificateFactory(product=product, stars=stars, score=50 + stars * 9)
    product.refresh_from_db()
    return product
