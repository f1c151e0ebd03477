"""The customer's own order page shows how to pay a bank transfer that is still unpaid."""

import pytest
from django.urls import reverse
from oscar.test.factories import UserFactory

from .conftest import place_order

pytestmark = pytest.mark.django_db


def test_unpaid_transfer_shows_vietqr_instructions_on_the_account_order_page(client):
    user = UserFactory()
    order = place_order(user=user)
    client.force_login(user)

    html = client.get(reverse("customer:order", kwargs={"order_number": order.number})).content
    html = html.decode()

    assert "Thanh toán bằng chuyển khoản ngân hàng (VietQR)" in html
    assert f"/bank-transfer/{order.number}/qr.png" in html
    assert "1.250.000\xa0₫" in html
    assert order.number in html


def test_other_orders_show_no_transfer_instructions(client):
    user = UserFactory()
    order = place_order(user=user, bank_transfer=False)
    client.force_login(user)

    html = client.get(reverse("customer:order", kwargs={"order_number": order.number})).content
    html = html.decode()

    assert order.number in html
    assert "VietQR" not in html
