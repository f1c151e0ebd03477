"""The 2025 scheme has no districts: province → commune/ward directly."""

import pytest
from django.urls import reverse

from tests import factories
from tests.checkout.helpers import stocked_product
from tests.checkout.test_flow import ADDRESS, start_guest_checkout

pytestmark = pytest.mark.django_db


def test_province_then_commune_in_2025_scheme(client):
    province = factories.ProvinceFactory(scheme="2025", code=51, name="Tỉnh Quảng Ngãi")
    ward = factories.AdministrativeUnitFactory(
        scheme="2025",
        level="commune",
        code=99001,
        name="Phường Cẩm Thành",
        parent=province,
        province=province,
    )
    start_guest_checkout(client, stocked_product())
    response = client.post(
        reverse("checkout:shipping-address"),
        dict(ADDRESS, province=province.pk, commune=ward.pk),
    )
    assert response.status_code == 302, response.context["form"].errors
    fields = client.session["checkout_data"]["shipping"]["new_address_fields"]
    assert fields["line2"] == "Phường Cẩm Thành"
    assert fields["line3"] == ""
    assert fields["state"] == "Tỉnh Quảng Ngãi"


def test_2025_commune_of_another_province_is_refused(client):
    province = factories.ProvinceFactory(scheme="2025", code=51, name="Tỉnh Quảng Ngãi")
    elsewhere = factories.ProvinceFactory(scheme="2025", code=48, name="Thành phố Đà Nẵng")
    ward = factories.AdministrativeUnitFactory(
        scheme="2025",
        level="commune",
        code=99002,
        name="Phường Hải Châu",
        parent=elsewhere,
        province=elsewhere,
    )
    factories.AdministrativeUnitFactory(
        scheme="2025",
        level="commune",
        code=99003,
        name="Phường Cẩm Thành",
        parent=province,
        province=province,
    )
    start_guest_checkout(client, stocked_product())
    response = client.post(
        reverse("checkout:shipping-address"),
        dict(ADDRESS, province=province.pk, commune=ward.pk),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["commune"]
