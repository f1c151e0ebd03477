"""Tier prices, MOQ and case size through Oscar's strategy: business buyers only."""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_class, get_model

from shop.partner.strategy import Default, Wholesale

from . import helpers

pytestmark = pytest.mark.django_db

Selector = get_class("partner.strategy", "Selector")
Basket = get_model("basket", "Basket")


def basket_for(user, product, quantity):
    basket = Basket.objects.create(owner=user)
    basket.strategy = Selector().strategy(user=user)
    basket.add_product(product, quantity)
    return Basket.objects.get(pk=basket.pk)


def line_of(basket, user):
    basket.strategy = Selector().strategy(user=user)
    return basket.all_lines()[0]


def test_consumers_and_unverified_businesses_get_the_retail_strategy():
    consumer = helpers.user("khach@example.vn")
    pending_buyer = helpers.user("cho@sieuthi.vn")
    helpers.business(status="pending", buyer=pending_buyer)
    assert type(Selector().strategy(user=consumer)) is Default
    assert type(Selector().strategy(user=pending_buyer)) is Default
    assert type(Selector().strategy()) is Default


@pytest.mark.parametrize(
    "quantity,excl,tax",
    [
        (12, Decimal("100000"), Decimal("10000")),
        (60, Decimal("90000"), Decimal("9000")),
        (240, Decimal("80000"), Decimal("8000")),
    ],
)
def test_verified_buyers_pay_the_tier_of_the_line_quantity_plus_vat(quantity, excl, tax):
    buyer = helpers.user()
    helpers.business(buyer=buyer)
    product = helpers.wholesale_product()
    basket = basket_for(buyer, product, quantity)
    line = line_of(basket, buyer)
    assert isinstance(basket.strategy, Wholesale)
    assert line.unit_price_excl_tax == excl
    assert line.unit_tax == tax
    assert line.line_price_incl_tax == (excl + tax) * quantity


def test_a_consumer_pays_retail_whatever_the_quantity():
    consumer = helpers.user("khach@example.vn")
    product = helpers.wholesale_product()
    basket = basket_for(consumer, product, 240)
    line = line_of(basket, consumer)
    assert line.unit_price_incl_tax == helpers.RETAIL
    assert basket.total_incl_tax == helpers.RETAIL * 240


def test_the_product_vat_rate_applies():
    buyer = helpers.user()
    helpers.business(buyer=buyer)
    product = helpers.wholesale_product(vat_rate=Decimal("8"))
    line = line_of(basket_for(buyer, product, 60), buyer)
    assert line.unit_tax == Decimal("7200")


def test_without_tiers_the_retail_price_is_split_into_price_before_vat_and_vat():
    buyer = helpers.user()
    helpers.business(buyer=buyer)
    product = helpers.wholesale_product(tiers=[], min_quantity=1, case_size=1)
    line = line_of(basket_for(buyer, product, 3), buyer)
    assert line.unit_price_incl_tax == helpers.RETAIL
    assert line.unit_price_excl_tax == Decimal("109091")


@pytest.mark.parametrize(
    "quantity,message",
    [(6, "tối thiểu"), (13, "thùng")],
)
def test_moq_and_case_size_are_enforced_in_the_basket(client, quantity, message):
    buyer = helpers.user()
    helpers.business(buyer=buyer)
    product = helpers.wholesale_product()
    client.force_login(buyer)
    client.post(reverse("wholesale:quick-order"), {"rows": "MN-THIPHO, 12"})
    response = client.get(reverse("basket:summary"))
    formset = response.context["formset"]
    line = formset.forms[0].instance
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": line.pk,
        "form-0-quantity": quantity,
    }
    response = client.post(reverse("basket:summary"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    line.refresh_from_db()
    assert line.quantity == 12
    assert product.stockrecords.get().price_tiers.count() == 3


def test_moq_does_not_apply_to_consumers(client):
    consumer = helpers.user("khach@example.vn")
    product = helpers.wholesale_product()
    client.force_login(consumer)
    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    assert response.status_code == 302
    basket = Basket.objects.get(owner=consumer)
    assert basket.num_items == 1


def test_the_product_page_add_form_refuses_a_business_below_the_moq(client):
    buyer = helpers.user()
    helpers.business(buyer=buyer)
    product = helpers.wholesale_product()
    client.force_login(buyer)
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    assert not Basket.objects.filter(owner=buyer, lines__isnull=False).exists()


def test_consumers_never_see_tier_prices_on_pages(client):
    product = helpers.wholesale_product()
    tier_texts = ["90.000", "80.000", "100.000"]
    for who in (None, helpers.user("khach@example.vn")):
        if who is not None:
            client.force_login(who)
        for url in (product.get_absolute_url(), "/", reverse("wholesale:price-list")):
            response = client.get(url, follow=True)
            body = response.content.decode()
            assert not any(text in body for text in tier_texts), (who, url)
        client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 60})
        body = client.get(reverse("basket:summary")).content.decode()
        assert "120.000" in body and not any(text in body for text in tier_texts)
        client.logout()


def test_a_business_sees_tier_prices_only_after_verification(client):
    buyer = helpers.user()
    company = helpers.business(status="pending", buyer=buyer)
    helpers.wholesale_product()
    client.force_login(buyer)
    response = client.get(reverse("wholesale:price-list"), follow=True)
    assert "90.000" not in response.content.decode()
    company.status = "verified"
    company.save()
    response = client.get(reverse("wholesale:price-list"))
    body = response.content.decode()
    assert "50–199: 90.000" in body.replace("\xa0", " ").replace(" ₫", "")
    assert "200+: 80.000" in body.replace("\xa0", " ").replace(" ₫", "")


def test_verified_buyers_see_their_tiers_on_the_product_page(client):
    product = helpers.wholesale_product()
    buyer = helpers.user()
    company = helpers.business(status="pending", buyer=buyer)
    client.force_login(buyer)
    assert "wholesale-tiers" not in client.get(product.get_absolute_url()).content.decode()
    company.status = "verified"
    company.save()
    body = client.get(product.get_absolute_url()).content.decode()
    assert 'data-testid="wholesale-tiers"' in body
    assert "200+: 80.000" in body.replace("\xa0", " ").replace(" ₫", "")
