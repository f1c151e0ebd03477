"""The account address book takes a Vietnamese address like the checkout, with unit codes."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests import factories
from tests.checkout.helpers import stocked_product
from tests.checkout.test_flow import ADDRESS, address, choose, place, to_payment_method

pytestmark = pytest.mark.django_db

UserAddress = get_model("address", "UserAddress")
Order = get_model("order", "Order")
CREATE = "/accounts/addresses/add/"


@pytest.fixture
def units():
    province = factories.ProvinceFactory(code=51, name="Tỉnh Quảng Ngãi")
    district = factories.DistrictFactory(parent=province, code=522, name="Huyện Sơn Tịnh")
    commune = factories.CommuneFactory(parent=district, code=21226, name="Xã Tịnh Hà")
    return province, district, commune


@pytest.fixture
def customer(client, django_user_model):
    user = django_user_model.objects.create_user("lan", "lan@example.vn", "pw")
    client.force_login(user)
    return user


def test_the_form_asks_for_province_district_and_commune(client, customer, units):
    page = client.get(CREATE)
    assert page.status_code == 200
    form = page.context["form"]
    assert {"province", "district", "commune", "line1", "phone_number"} <= set(form.fields)
    assert "postcode" not in form.fields and "line4" not in form.fields
    assert 'id="refresh-units"' in page.content.decode()


def test_a_new_address_is_saved_with_names_and_codes(client, customer, units):
    response = client.post(CREATE, address(units))

    assert response.status_code == 302, response.context["form"].errors
    saved = UserAddress.objects.get(user=customer)
    assert (saved.line1, saved.line2, saved.line3, saved.line4) == (
        "12 Lê Lợi",
        "Xã Tịnh Hà",
        "Huyện Sơn Tịnh",
        "Tỉnh Quảng Ngãi",
    )
    assert (saved.region_scheme, saved.province_code, saved.district_code, saved.commune_code) == (
        "pre2025",
        51,
        522,
        21226,
    )
    assert str(saved.phone_number) == "+84912345678"


def test_choosing_a_province_refreshes_the_lists_and_saves_nothing(client, customer, units):
    province, district, commune = units
    response = client.post(CREATE, dict(ADDRESS, province=province.pk, refresh_units="1"))

    assert response.status_code == 200
    assert list(response.context["form"].fields["district"].queryset) == [district]
    assert not UserAddress.objects.exists()


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"phone_number": "12345"}, "phone_number"),
        ({"phone_number": ""}, "phone_number"),
        ({"line1": ""}, "line1"),
        ({"province": ""}, "province"),
        ({"province": "999999"}, "province"),
        ({"district": ""}, "district"),
        ({"commune": ""}, "commune"),
    ],
)
def test_bad_addresses_are_refused_and_nothing_saved(client, customer, units, changes, field):
    response = client.post(CREATE, address(units, **changes))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not UserAddress.objects.exists()


def test_a_commune_of_another_district_is_refused(client, customer, units):
    province, district, _commune = units
    other = factories.DistrictFactory(parent=province, code=523, name="Huyện Tư Nghĩa")
    elsewhere = factories.CommuneFactory(parent=other, code=21300, name="Xã Nghĩa Kỳ")

    response = client.post(CREATE, address(units, commune=elsewhere.pk))

    assert response.status_code == 200
    assert response.context["form"].errors["commune"]
    assert not UserAddress.objects.exists()


def test_editing_starts_from_the_saved_units_and_updates_the_codes(client, customer, units):
    province, district, commune = units
    client.post(CREATE, address(units))
    saved = UserAddress.objects.get()
    url = reverse("customer:address-detail", kwargs={"pk": saved.pk})

    form = client.get(url).context["form"]
    assert (form.initial["province"], form.initial["district"], form.initial["commune"]) == (
        province.pk,
        district.pk,
        commune.pk,
    )
    other = factories.CommuneFactory(parent=district, code=21227, name="Xã Tịnh Bình")
    response = client.post(url, address(units, commune=other.pk))

    assert response.status_code == 302
    saved.refresh_from_db()
    assert (saved.line2, saved.commune_code) == ("Xã Tịnh Bình", 21227)


def test_someone_elses_address_cannot_be_read_or_changed(
    client, customer, units, django_user_model
):
    other = django_user_model.objects.create_user("minh", "minh@example.vn", "pw")
    client.force_login(other)
    client.post(CREATE, address(units))
    theirs = UserAddress.objects.get(user=other)
    client.force_login(customer)
    url = reverse("customer:address-detail", kwargs={"pk": theirs.pk})

    assert client.get(url).status_code == 404
    assert client.post(url, address(units, line1="1 Hai Bà Trưng")).status_code == 404
    assert client.post(url, dict(address(units), refresh_units="1")).status_code == 404
    theirs.refresh_from_db()
    assert theirs.line1 == "12 Lê Lợi"


def test_the_order_keeps_the_unit_codes_of_its_shipping_address(client, units):
    to_payment_method(client, stocked_product(num_in_stock=3))
    choose(client, "cod")
    place(client)

    shipping = Order.objects.get().shipping_address
    assert shipping.region_scheme == "pre2025"
    assert shipping.province_code and shipping.district_code and shipping.commune_code
    assert shipping.line2 and shipping.line3 and shipping.line4


def test_a_saved_address_chosen_at_checkout_carries_its_codes_to_the_order(client, customer, units):
    client.post(CREATE, address(units))
    saved = UserAddress.objects.get()
    product = stocked_product(num_in_stock=3)
    record = product.stockrecords.get()
    client.post(
        reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1, "stockrecord": record.pk}
    )
    response = client.post(
        reverse("checkout:shipping-address"), {"action": "ship_to", "address_id": saved.pk}
    )
    assert response.status_code == 302
    page = client.get(reverse("checkout:shipping-method"))
    if page.status_code == 200:
        code = page.context["methods"][0].code
        client.post(reverse("checkout:shipping-method"), {"method_code": code})
    choose(client, "cod")
    place(client)

    shipping = Order.objects.get(user=customer).shipping_address
    assert (shipping.province_code, shipping.district_code, shipping.commune_code) == (
        51,
        522,
        21226,
    )
    assert shipping.line2 == "Xã Tịnh Hà"


def test_an_address_shows_each_line_once_and_its_place_apart_from_the_name():
    from oscar.core.loading import get_model

    ShippingAddress = get_model("order", "ShippingAddress")
    address = ShippingAddress(
        first_name="Lan",
        last_name="Nguyễn",
        line1="12 Lê Lợi",
        line2="Phường Lê Hồng Phong",
        line3="Thành phố Quảng Ngãi",
        line4="Tỉnh Quảng Ngãi",
        state="Tỉnh Quảng Ngãi",
        country_id="VN",
    )
    fields = address.active_address_fields()
    assert fields.count("Tỉnh Quảng Ngãi") == 1
    assert fields[0] == address.salutation
    assert address.place_lines == fields[1:]
    assert "Lan" not in address.place_summary and address.place_summary.startswith("12 Lê Lợi")
