import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import CommuneFactory, DistrictFactory, ProducerFactory, ProvinceFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def user_with(username, codenames, is_staff=False):
    user = User.objects.create_user(
        username=username, email=f"{username}@ocop.local", password="x", is_staff=is_staff
    )
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def producer(db):
    province = ProvinceFactory()
    district = DistrictFactory(parent=province, code=9401, name="Huyện Mộ Đức")
    return ProducerFactory(
        partner__name="HTX Mạch nha Thi Phổ",
        commune=CommuneFactory(parent=district, name="Xã Đức Nhuận"),
        story="Mạch nha truyền thống.",
        verified=False,
    )


def profile_data(producer, **overrides):
    data = {
        "legal_type": producer.legal_type,
        "tax_code": producer.tax_code,
        "province": producer.province_id,
        "district": producer.district_id,
        "commune": producer.commune_id,
        "story": producer.story,
        "story_en": "",
        "phone": "",
        "email": "",
        "website": "",
        "street_address": "",
        "representative": "",
        "photos-TOTAL_FORMS": 0,
        "photos-INITIAL_FORMS": 0,
        "photos-MIN_NUM_FORMS": 0,
        "photos-MAX_NUM_FORMS": 1000,
    }
    data.update(overrides)
    return data


def test_staff_edit_a_producer_profile_and_verify_it(client, producer):
    staff = user_with("vanphong", ["change_producer"], is_staff=True)
    client.force_login(staff)
    listing = client.get(reverse("dashboard:producer-list"))
    assert listing.status_code == 200
    assert "HTX Mạch nha Thi Phổ" in listing.content.decode()
    url = reverse("dashboard:producer-update", kwargs={"pk": producer.pk})
    assert 'name="verified"' in client.get(url).content.decode()
    response = client.post(
        url,
        profile_data(
            producer,
            story="Mạch nha Thi Phổ nấu từ lúa nếp.",
            story_en="Thi Phổ malt syrup cooked from sticky rice.",
            verified="on",
            is_public="on",
        ),
    )
    assert response.status_code == 302
    producer.refresh_from_db()
    assert producer.verified
    assert producer.story_en == "Thi Phổ malt syrup cooked from sticky rice."
    page = client.get(producer.get_absolute_url()).content.decode()
    assert "Thi Phổ malt syrup cooked from sticky rice." in page


def test_invalid_profile_shows_errors_and_changes_nothing(client, producer):
    client.force_login(user_with("vanphong", ["change_producer"], is_staff=True))
    url = reverse("dashboard:producer-update", kwargs={"pk": producer.pk})
    other_commune = CommuneFactory(name="Xã Khác")  # in another district
    response = client.post(
        url, profile_data(producer, tax_code="12AB", commune=other_commune.pk, story="Mới")
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "tax_code" in errors
    producer.refresh_from_db()
    assert producer.story == "Mạch nha truyền thống."


def test_producer_user_edits_only_their_own_profile(client, producer):
    other = ProducerFactory(partner__name="Công ty Khác")
    user = user_with("htx", ["dashboard_access"])
    producer.partner.users.add(user)
    client.force_login(user)
    # The list goes straight to their own profile.
    response = client.get(reverse("dashboard:producer-list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:producer-update", kwargs={"pk": producer.pk})
    own = client.get(response["Location"])
    assert own.status_code == 200
    assert 'name="verified"' not in own.content.decode()  # cannot verify themselves
    response = client.post(
        response["Location"], profile_data(producer, phone="0255 3845 678", verified="on")
    )
    assert response.status_code == 302
    producer.refresh_from_db()
    assert producer.phone == "0255 3845 678"
    assert not producer.verified
    other_url = reverse("dashboard:producer-update", kwargs={"pk": other.pk})
    assert client.get(other_url).status_code == 404


def test_customers_are_refused(client, producer):
    client.force_login(user_with("khach", []))
    url = reverse("dashboard:producer-update", kwargs={"pk": producer.pk})
    assert client.get(url).status_code in (302, 403)
    assert client.get(reverse("dashboard:producer-list")).status_code in (302, 403)
