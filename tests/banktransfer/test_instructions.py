import datetime
from urllib.parse import parse_qs, urlparse

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation

from shop.banktransfer import services

from .conftest import place_order

pytestmark = pytest.mark.django_db

SNIPPET = Template("{% load banktransfer_tags %}{% bank_transfer_instructions order %}")


def render(order, user=None):
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.db import SessionStore

    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    request.session = SessionStore()
    return SNIPPET.render(Context({"order": order, "request": request})), request


def test_instructions_show_everything_needed_to_pay_in_vietnamese(client):
    placed = timezone.make_aware(datetime.datetime(2026, 11, 29, 9, 30))
    order = place_order(placed=placed)
    html, request = render(order)
    assert "Thanh toán bằng chuyển khoản ngân hàng (VietQR)" in html
    assert "Vietcombank — Ngân hàng TMCP Ngoại Thương Việt Nam" in html
    assert "Số tài khoản" in html and "<strong>0123456789</strong>" in html
    assert "DEMO CHO OCOP QUANG NGAI" in html
    assert "Số tiền chính xác" in html and "1.250.000\xa0₫" in html
    assert "Nội dung chuyển khoản" in html and f"<strong>{order.number}</strong>" in html
    # Deadline: placed + 48 hours, in Vietnam's time.
    assert "Thanh toán trước" in html and "09:30 01/12/2026" in html
    assert "48 giờ sẽ tự động bị hủy" in html
    # The QR image is the order's, and this guest's browser may load it.
    src = html.split('data-testid="vietqr-image"')[0].rsplit('src="', 1)[1].split('"')[0]
    src = src.replace("&amp;", "&")
    url = urlparse(src)
    assert url.path == f"/bank-transfer/{order.number}/qr.png"
    key = parse_qs(url.query)["key"][0]
    assert order.check_verification_hash(key)
    assert order.number in request.session[services.GUEST_SESSION_KEY]
    assert client.get(src).status_code == 200


def test_instructions_in_english():
    order = place_order()
    with translation.override("en"):
        html, _ = render(order)
    assert "Pay by bank transfer (VietQR)" in html
    assert "Account number" in html and "Exact amount" in html and "Transfer note" in html
    assert "1.250.000\xa0₫" in html


def test_signed_in_owner_gets_a_plain_qr_url(django_user_model):
    user = django_user_model.objects.create_user("b", "b@example.vn", "pw")
    order = place_order(user=user)
    html, _ = render(order, user=user)
    assert f'src="/bank-transfer/{order.number}/qr.png"' in html


@pytest.mark.parametrize("case", ["not_transfer", "paid", "cancelled"])
def test_nothing_for_other_orders(case, hours_ago):
    if case == "not_transfer":
        order = place_order(bank_transfer=False)
    elif case == "paid":
        order = place_order()
        services.mark_paid(order, amount=order.total_incl_tax, reference="FT1")
        order.refresh_from_db()
    else:
        order = place_order(placed=hours_ago(49))
        services.cancel_unpaid_transfers()
        order.refresh_from_db()
    html, _ = render(order)
    assert html.strip() == ""
