"""A small programme dataset: three districts (one with nothing), four communes, four producers."""

import datetime

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from tests.factories import (
    CertificateFactory,
    CommuneFactory,
    DistrictFactory,
    ProducerFactory,
    ProductFactory,
    ProvinceFactory,
    StockRecordFactory,
)

ProductGroup = get_model("catalogue", "ProductGroup")


def make_product(producer, stars=3, group_code="1", **cert_kwargs):
    product = ProductFactory()
    StockRecordFactory(product=product, partner=producer.partner)
    group = ProductGroup.objects.get(group_set__code="qd-148-2023", code=group_code)
    CertificateFactory(
        product=product, stars=stars, score=50 + stars * 9, group=group, **cert_kwargs
    )
    return product


@pytest.fixture
def programme_data(db):
    today = timezone.localdate()
    province = ProvinceFactory()
    mo_duc = DistrictFactory(parent=province, code=9101, name="Huyện Mộ Đức")
    city = DistrictFactory(parent=province, code=9102, name="Thành phố Quảng Ngãi")
    ba_to = DistrictFactory(parent=province, code=9103, name="Huyện Ba Tơ")
    c_a1 = CommuneFactory(parent=mo_duc, name="Xã Đức Lợi")
    c_a2 = CommuneFactory(parent=mo_duc, name="Xã Đức Phong")
    c_b1 = CommuneFactory(parent=city, name="Phường Trần Phú")
    c_c1 = CommuneFactory(parent=ba_to, name="Xã Ba Động")

    enterprise = ProducerFactory(legal_type="enterprise", commune=c_a1)
    cooperative = ProducerFactory(legal_type="cooperative", commune=c_a2)
    household = ProducerFactory(legal_type="household", commune=c_b1)
    lapsed = ProducerFactory(legal_type="household", commune=c_c1)

    make_product(enterprise, 3)
    make_product(enterprise, 3, group_code="2")
    make_product(enterprise, 4)
    make_product(enterprise, 4, verified=False)  # not verified: no badge, not counted
    make_product(cooperative, 3, group_code="6")  # community tourism service
    make_product(cooperative, 2)  # rated but not certified
    make_product(household, 5)
    # Expired and revoked certificates do not count.
    make_product(
        lapsed,
        3,
        decision_date=today - datetime.timedelta(days=4 * 365),
        expires_on=today - datetime.timedelta(days=1),
    )
    make_product(lapsed, 4, revoked=True, revocation_reason="Vi phạm tiêu chuẩn")

    # A producer of another province is outside the programme's figures.
    other_province = ProvinceFactory(code=49, name="Tỉnh Quảng Nam")
    other_district = DistrictFactory(parent=other_province, code=9201, name="Huyện Khác")
    outsider = ProducerFactory(
        legal_type="enterprise", commune=CommuneFactory(parent=other_district)
    )
    make_product(outsider, 4)

    from shop.showrooms.models import Showroom

    for i, active in enumerate([True, True, False]):
        Showroom.objects.create(
            name=f"Điểm OCOP {i}",
            slug=f"diem-ocop-{i}",
            province=province,
            street_address="1 Lê Lợi",
            is_active=active,
        )
    return {"province": province, "today": today}
