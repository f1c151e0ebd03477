from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

pytestmark = pytest.mark.django_db

WeightBased = get_model("shipping", "WeightBased")


def test_staff_set_free_shipping_threshold(client, django_user_model):
    staff = django_user_model.objects.create_user(
        "staff", "staff@example.vn", "pw", is_staff=True, is_superuser=True
    )
    client.force_login(staff)
    method = WeightBased.objects.get(code="home-delivery")
    url = reverse("dashboard:shipping-method-edit", kwargs={"pk": method.pk})
    page = client.get(url).content.decode()
    assert 'name="free_shipping_threshold"' in page
    response = client.post(
        url,
        {
            "name": method.name,
            "description": method.description,
            "default_weight": "0.5",
            "free_shipping_threshold": "800000",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    method.refresh_from_db()
    assert method.free_shipping_threshold == Decimal("800000")
