"""Requests for quotation (answered by staff or the producer, accepted into an order at the
quoted price) and re-ordering a past order with the changes shown."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from shop.wholesale import services
from shop.wholesale.models import BusinessOrder, Quote

from . import helpers

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")


@pytest.fixture
def buyer(client):
    from tests.checkout.helpers import ensure_vietnam

    ensure_vietnam()
    account = helpers.user()
    helpers.business(buyer=account, credit_limit=Decimal("200000000"))
    helpers.wholesale_product(num_in_stock=5000)
    client.force_login(account)
    return account


def test_a_quote_is_requested_answered_by_the_producer_and_accepted_into_an_order(client, buyer):
    response = client.post(
        reverse("wholesale:quote-request"),
        {"sku": "MN-THIPHO", "quantity": "1200", "message": "Giao 4 đợt"},
    )
    assert response.status_code == 302
    quote = Quote.objects.get()
    assert quote.status == "requested"

    producer_user = helpers.user("htx@example.vn")
    producer_user.user_permissions.add(Permission.objects.get(codename="dashboard_access"))
    quote.stockrecord.partner.users.add(producer_user)
    client.force_login(producer_user)
    valid_until = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    response = client.post(
        reverse("dashboard:wholesale-quote", kwargs={"pk": quote.pk}),
        {"unit_price_excl_tax": "72000", "valid_until": valid_until, "answer": "Đồng ý"},
    )
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.status == "answered" and quote.unit_price_excl_tax == Decimal("72000")

    client.force_login(buyer)
    page = client.get(reverse("wholesale:quote-accept", kwargs={"pk": quote.pk}))
    assert "72.000" in page.content.decode()
    response = client.post(
        reverse("wholesale:quote-accept", kwargs={"pk": quote.pk}), {"po_number": "PO-Q-1"}
    )
    assert response.status_code == 302
    order = Order.objects.get()
    line = order.lines.get()
    assert line.quantity == 1200
    assert line.unit_price_excl_tax == Decimal("72000")
    assert line.unit_price_incl_tax == Decimal("79200")
    assert BusinessOrder.objects.get(order=order).po_number == "PO-Q-1"
    quote.refresh_from_db()
    assert quote.status == "accepted" and quote.order == order
    again = client.post(
        reverse("wholesale:quote-accept", kwargs={"pk": quote.pk}), {"po_number": "PO-Q-2"}
    )
    assert again.status_code == 404
    assert Order.objects.count() == 1


def test_an_expired_quote_cannot_be_accepted(buyer):
    quote = services.request_quote(
        buyer.business_buyer.business, buyer, sku="MN-THIPHO", quantity=1200
    )
    services.answer_quote(
        quote, unit_price_excl_tax=Decimal("72000"), valid_until=timezone.localdate()
    )
    Quote.objects.filter(pk=quote.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    with pytest.raises(services.OrderRejected):
        services.accept_quote(quote, buyer, po_number="PO")
    assert not Order.objects.exists()


def test_other_producers_do_not_see_the_quote(client, buyer):
    quote = services.request_quote(
        buyer.business_buyer.business, buyer, sku="MN-THIPHO", quantity=1200
    )
    stranger = helpers.user("khac@example.vn")
    stranger.user_permissions.add(Permission.objects.get(codename="dashboard_access"))
    helpers.wholesale_product(sku="KHAC").stockrecords.get().partner.users.add(stranger)
    client.force_login(stranger)
    assert (
        client.get(reverse("dashboard:wholesale-quote", kwargs={"pk": quote.pk})).status_code == 404
    )


def test_reorder_puts_the_order_back_and_shows_price_and_stock_changes(client, buyer):
    order = services.place_business_order(
        user=buyer,
        business=buyer.business_buyer.business,
        rows=[(1, "MN-THIPHO", 60)],
        po_number="PO-1",
    )
    record = StockRecord.objects.get()
    services.replace_tiers(
        record, [(1, Decimal("100000")), (50, Decimal("95000"))], min_quantity=12, case_size=6
    )
    response = client.post(
        reverse("wholesale:reorder", kwargs={"number": order.number}), follow=True
    )
    body = response.content.decode()
    assert "99.000" in body and "104.500" in body  # 90.000 + VAT → 95.000 + VAT
    basket_line = response.context["basket"].all_lines()[0]
    assert basket_line.quantity == 60


def test_reorder_of_another_customers_order_is_refused(client, buyer):
    order = services.place_business_order(
        user=buyer,
        business=buyer.business_buyer.business,
        rows=[(1, "MN-THIPHO", 60)],
        po_number="PO-1",
    )
    client.force_login(helpers.user("khach@example.vn"))
    response = client.post(reverse("wholesale:reorder", kwargs={"number": order.number}))
    assert response.status_code == 404
