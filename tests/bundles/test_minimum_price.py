"""No gift bundle sells below a staff-set share of its components' price: refused when
saved (by anyone, with the amounts in the message), and not sold while a change of the
components' prices puts it below."""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.bundles import services
from shop.bundles.models import BundleSettings, GiftBundle
from tests.bundles.helpers import bundle, component, occasion
from tests.bundles.test_approval import add, basket_lines, producer_with_product
from tests.bundles.test_dashboard import post_data, user

pytestmark = pytest.mark.django_db

StockRecord = get_model("partner", "StockRecord")


@pytest.mark.parametrize("by_staff", [True, False])
def test_a_one_dong_bundle_is_refused_for_anyone(client, by_staff):
    own, partner, producer = producer_with_product(price=Decimal("100000"))
    client.force_login(user(staff=True) if by_staff else producer)
    data = post_data([(own, 2)], pricing="fixed", fixed_price="1")
    response = client.post(reverse("dashboard:bundle-create"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "140.000" in html and "70" in html  # the minimum: 70 % of 200.000 ₫
    assert not GiftBundle.objects.exists()


def test_the_minimum_is_exact_in_whole_dong():
    a = component(price=Decimal("33333"))
    # 70 % of 33.333 ₫ is 23.333,1 ₫: 23.334 ₫ is the least allowed.
    with pytest.raises(ValueError):
        bundle([(a, 1)], pricing=GiftBundle.Pricing.FIXED, fixed_price=Decimal("23333"))
    ok = bundle([(a, 1)], pricing=GiftBundle.Pricing.FIXED, fixed_price=Decimal("23334"))
    assert ok.stockrecords.get().price == Decimal("23334")
    # A discount that goes below is refused the same way, and nothing is saved.
    with pytest.raises(ValueError):
        bundle([(a, 1)], title="Giảm sâu", discount_percent=31)
    assert not GiftBundle.objects.filter(product__title="Giảm sâu").exists()
    # 30 % off gives 23.333 ₫ (rounded), below 23.334 ₫; 29 % off is allowed.
    with pytest.raises(ValueError):
        bundle([(a, 1)], title="Giảm vừa", discount_percent=30)
    assert bundle([(a, 1)], title="Giảm vừa", discount_percent=29)


def test_an_existing_bundle_keeps_its_terms_when_a_change_goes_below(client):
    a = component(price=Decimal("100000"))
    gift = bundle([(a, 1)], title="Quà cũ", discount_percent=10).gift_bundle
    client.force_login(user(staff=True))
    url = reverse("dashboard:bundle-update", args=[gift.pk])
    response = client.post(url, post_data([(a, 1)], title="Quà đổi", discount_percent="50"))
    assert response.status_code == 400
    gift.refresh_from_db()
    assert gift.discount_percent == 10 and gift.product.title == "Quà cũ"
    assert gift.product.stockrecords.get().price == Decimal("90000")


def test_staff_set_the_minimum_in_the_dashboard(client):
    a = component(price=Decimal("100000"))
    gift = bundle([(a, 1)], discount_percent=25)  # 75 %
    client.force_login(user(staff=True))
    page = client.get(reverse("dashboard:bundle-settings"))
    assert page.status_code == 200
    assert (
        client.post(reverse("dashboard:bundle-settings"), {"min_price_percent": "101"}).status_code
        == 400
    )
    assert BundleSettings.current().min_price_percent == 70
    response = client.post(reverse("dashboard:bundle-settings"), {"min_price_percent": "80"})
    assert response.status_code == 302
    assert BundleSettings.current().min_price_percent == 80
    # The bundle at 75 % is not sold any more, and says why in the dashboard.
    client.logout()
    add(client, gift)
    assert basket_lines() == 0
    client.force_login(user(staff=True))
    page = client.get(reverse("dashboard:bundle-update", args=[gift.gift_bundle.pk]))
    assert 'id="bundle-floor-problem"' in page.content.decode()


def test_a_component_price_rise_stops_a_fixed_price_bundle_until_it_is_fixed(client):
    a = component(price=Decimal("100000"))
    gift = bundle([(a, 2)], pricing=GiftBundle.Pricing.FIXED, fixed_price=Decimal("150000"))
    add(client, gift)
    assert basket_lines() == 1
    record = a.stockrecords.get()
    record.price = Decimal("120000")  # 150.000 < 70 % of 240.000 = 168.000
    record.save()
    assert gift.stockrecords.get().price == Decimal("150000")  # not re-priced silently
    page = client.get(reverse("basket:summary")).content.decode()
    assert "đang được điều chỉnh" in page or "being revised" in page
    client.cookies.clear()
    add(client, gift)
    assert basket_lines() == 1  # the new visitor's basket got nothing
    services.save_bundle(
        bundle=gift.gift_bundle,
        title=gift.title,
        occasion=occasion(),
        components=[(a, 2)],
        pricing=GiftBundle.Pricing.FIXED,
        fixed_price=Decimal("168000"),
    )
    add(client, gift)
    assert basket_lines() == 2


def test_a_component_price_fall_stops_a_bundle_with_a_discount_in_dong(client):
    a = component(price=Decimal("100000"))
    gift = bundle([(a, 1)], discount_amount=Decimal("20000"))  # 80.000 ₫: 80 %
    record = a.stockrecords.get()
    record.price = Decimal("50000")  # re-priced to 30.000 ₫: 60 %
    record.save()
    assert gift.stockrecords.get().price == Decimal("30000")
    add(client, gift)
    assert basket_lines() == 0
