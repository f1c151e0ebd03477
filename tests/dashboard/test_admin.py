import pytest
from django.urls import reverse

from tests.factories import ProducerFactory, certified_product

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "admin:catalogue_certificate_changelist",
    "admin:catalogue_productgroup_changelist",
    "admin:catalogue_productgroupset_changelist",
    "admin:producers_producer_changelist",
    "admin:regions_administrativeunit_changelist",
    "admin:showrooms_showroom_changelist",
    "admin:catalogue_product_changelist",  # Oscar's own admin is kept
]


@pytest.mark.parametrize("url_name", CHANGELISTS)
def test_admin_changelists(admin_client, url_name):
    product = certified_product(producer=ProducerFactory(partner__name="HTX Quế Trà Bồng"))
    response = admin_client.get(reverse(url_name))
    assert response.status_code == 200
    if url_name == "admin:catalogue_certificate_changelist":
        assert product.title in response.content.decode()


def test_admin_edit_records_certificate_history(admin_client, admin_user):
    product = certified_product(stars=3)
    certificate = product.ocop
    url = reverse("admin:catalogue_certificate_change", args=[certificate.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {
        name: (value.isoformat() if hasattr(value, "isoformat") else value)
        for name, value in form.initial.items()
        if value is not None and name in form.fields
    }
    data.update(
        {
            "stars": 4,
            "score": 80,
            "events-TOTAL_FORMS": 1,
            "events-INITIAL_FORMS": 1,
            "events-MIN_NUM_FORMS": 0,
            "events-MAX_NUM_FORMS": 1000,
            "events-0-id": certificate.events.get().pk,
            "events-0-certificate": certificate.pk,
        }
    )
    data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    certificate.refresh_from_db()
    assert certificate.stars == 4
    upgrade = certificate.events.get(kind="upgraded")
    assert upgrade.user == admin_user
