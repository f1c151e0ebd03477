"""Staff set whether cash on delivery is offered, and up to which order total."""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.checkout import services
from shop.payments.models import PaymentSettings
from tests.checkout.helpers import stocked_product
from tests.checkout.test_flow import choose, place, to_payment_method, units  # noqa: F401

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
URL = "/payments/dashboard/settings/"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(
        "staff", "staff@example.vn", "pw", is_staff=True, first_name="Hoa", last_name="Lê"
    )


def test_the_ceiling_starts_from_the_environment(settings):
    settings.COD_MAX_ORDER_TOTAL = 3_000_000
    assert services.cod_max_order_total() == Decimal(3_000_000)
    assert PaymentSettings.objects.get().cod_max_order_total == Decimal(3_000_000)
    settings.COD_MAX_ORDER_TOTAL = 9  # the stored value now wins
    assert services.cod_max_order_total() == Decimal(3_000_000)


def test_staff_change_the_ceiling_and_checkout_follows_it(client, staff, units):  # noqa: F811
    client.force_login(staff)
    page = client.get(URL)
    assert page.status_code == 200
    assert 'id="payment-settings-form"' in page.content.decode()

    response = client.post(URL, {"cod_enabled": "on", "cod_max_order_total": "200000"})

    assert response.status_code == 302
    current = PaymentSettings.objects.get()
    assert (current.cod_enabled, current.cod_max_order_total) == (True, Decimal(200000))
    assert current.updated_by == staff
    assert "200.000\xa0₫" in client.get(URL).content.decode()

    client.logout()
    product = stocked_product(num_in_stock=5, price=Decimal("125000"))
    to_payment_method(client, product, 2)
    refused = choose(client, "cod")
    assert refused.status_code == 200
    assert "200.000\xa0₫" in refused.content.decode()
    assert choose(client, "bank_transfer").status_code == 302
    assert not Order.objects.exists()


def test_staff_can_stop_offering_cash_on_delivery(client, staff, units):  # noqa: F811
    client.force_login(staff)
    client.post(URL, {"cod_max_order_total": "5000000"})  # box unticked
    assert PaymentSettings.objects.get().cod_enabled is False
    client.logout()

    product = stocked_product(num_in_stock=5)
    to_payment_method(client, product, 1)
    page = client.get(reverse("checkout:payment-method"))
    methods = [value for value, _label in page.context["form"].fields["method"].choices]
    assert "cod" not in methods and "bank_transfer" in methods
    assert choose(client, "cod").status_code == 200  # a forged choice is refused
    assert choose(client, "bank_transfer").status_code == 302
    place(client)
    assert Order.objects.get().sources.get().source_type.name != "COD"


def test_cod_chosen_before_staff_lowered_the_ceiling_is_refused_at_placement(
    client,
    staff,
    units,  # noqa: F811
):
    product = stocked_product(num_in_stock=5, price=Decimal("125000"))
    to_payment_method(client, product, 2)
    assert choose(client, "cod").status_code == 302
    current = PaymentSettings.current()
    current.cod_max_order_total = 100000
    current.save()

    preview = client.get(reverse("checkout:preview"))
    response = client.post(
        reverse("checkout:preview"),
        {"action": "place_order", "basket_hash": preview.context.get("basket_hash", "")},
    )

    assert response.status_code in (200, 302)
    assert not Order.objects.exists()


@pytest.mark.parametrize(
    "value", ["-1", "abc", "", "1.5", "100000000000000", "99999999999999999999"]
)
def test_bad_values_are_refused_and_change_nothing(client, staff, value):
    client.force_login(staff)
    before = PaymentSettings.current().cod_max_order_total

    response = client.post(URL, {"cod_enabled": "on", "cod_max_order_total": value})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert PaymentSettings.objects.get().cod_max_order_total == before


def test_only_staff_reach_the_page(client, django_user_model):
    assert client.get(URL).status_code == 302
    customer = django_user_model.objects.create_user("c", "c@example.vn", "pw")
    client.force_login(customer)
    assert client.get(URL).status_code == 302
    response = client.post(URL, {"cod_enabled": "on", "cod_max_order_total": "1"})
    assert response.status_code == 302
    assert PaymentSettings.current().cod_max_order_total != Decimal(1)


def test_the_dashboard_menu_links_shipping_charges_and_payment_methods(client, staff):
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    page = client.get(reverse("dashboard:index")).content.decode()
    assert reverse("payments:settings") in page
    assert reverse("dashboard:shipping-method-list") in page
