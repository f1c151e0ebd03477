import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from oscar.core.loading import get_model

from shop.banktransfer import services

from .conftest import place_order

pytestmark = pytest.mark.django_db

PaymentEvent = get_model("order", "PaymentEvent")


@pytest.fixture
def staff(django_user_model):
    user = django_user_model.objects.create_user("staff", "staff@ocop.local", "x", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="order", codename__in=["view_order", "change_order"]
        )
    )
    return user


def detail_url(order):
    return reverse("dashboard:order-detail", kwargs={"number": order.number})


def post_mark_paid(client, order, **data):
    data = {"order_action": "mark_bank_transfer_paid", **data}
    return client.post(detail_url(order), data, follow=True)


def page_text(response):
    return response.content.decode()


def test_the_order_dashboard_is_the_fork():
    from django.apps import apps

    assert apps.get_app_config("orders_dashboard").name == "shop.dashboard.orders"


def test_staff_sees_the_mark_paid_action_for_a_waiting_transfer(client, staff):
    order = place_order()
    client.force_login(staff)
    text = page_text(client.get(detail_url(order)))
    assert "Chuyển khoản ngân hàng (VietQR)" in text
    assert "Đánh dấu đã thanh toán" in text
    assert 'value="mark_bank_transfer_paid"' in text
    assert 'value="1250000"' in text  # the order total, prefilled


def test_no_mark_paid_action_for_other_orders(client, staff):
    order = place_order(bank_transfer=False)
    client.force_login(staff)
    assert "mark_bank_transfer_paid" not in page_text(client.get(detail_url(order)))


def test_staff_marks_paid_once(client, staff):
    order = place_order()
    client.force_login(staff)
    response = post_mark_paid(client, order, amount="1250000", reference="FT26112900123")
    assert response.status_code == 200
    assert f"Đơn hàng {order.number} đã được đánh dấu đã thanh toán" in page_text(response)
    order.refresh_from_db()
    assert order.status == "paid"
    events = PaymentEvent.objects.filter(order=order)
    assert [(e.amount, e.reference) for e in events] == [(1250000, "FT26112900123")]
    source = order.sources.get(source_type__name=services.SOURCE_TYPE_NAME)
    assert source.amount_debited == 1250000
    assert "mark_bank_transfer_paid" not in page_text(response)

    # A second submission (double click, stale tab) changes nothing.
    again = post_mark_paid(client, order, amount="1250000", reference="FT26112900123")
    assert "Đơn hàng này đã được đánh dấu đã thanh toán" in page_text(again)
    assert PaymentEvent.objects.filter(order=order).count() == 1
    order.refresh_from_db()
    assert order.status == "paid"
    assert order.sources.get(source_type__name=services.SOURCE_TYPE_NAME).amount_debited == (
        1250000
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"amount": "1250001", "reference": "FT1"}, "phải đúng bằng tổng đơn hàng, 1.250.000"),
        ({"amount": "1000000", "reference": "FT1"}, "phải đúng bằng tổng đơn hàng"),
        ({"amount": "abc", "reference": "FT1"}, "chỉ gồm chữ số"),
        ({"amount": "-5", "reference": "FT1"}, "Số tiền đã nhận"),
        ({"amount": "1250000", "reference": "   "}, "Mã giao dịch ngân hàng"),
        ({"amount": "1250000", "reference": "X" * 65}, "Mã giao dịch ngân hàng"),
        ({"reference": "FT1"}, "Số tiền đã nhận"),
    ],
)
def test_bad_input_gets_a_clear_error_and_changes_nothing(client, staff, data, message):
    order = place_order()
    client.force_login(staff)
    response = post_mark_paid(client, order, **data)
    assert response.status_code == 200
    text = page_text(response)
    assert "Chưa đánh dấu đã thanh toán." in text
    assert message in text
    order.refresh_from_db()
    assert order.status == "pending_payment"
    assert not PaymentEvent.objects.filter(order=order).exists()


def test_a_cancelled_order_cannot_be_marked_paid(client, staff, hours_ago):
    order = place_order(placed=hours_ago(60))
    services.cancel_unpaid_transfers()
    client.force_login(staff)
    response = post_mark_paid(client, order, amount="1250000", reference="FT1")
    assert "Chỉ đơn hàng đang chờ thanh toán" in page_text(response)
    order.refresh_from_db()
    assert order.status == "cancelled"


def test_non_staff_cannot_mark_paid(client, django_user_model):
    order = place_order()
    customer = django_user_model.objects.create_user("c", "c@example.vn", "x")
    client.force_login(customer)
    response = client.post(
        detail_url(order),
        {"order_action": "mark_bank_transfer_paid", "amount": "1250000", "reference": "FT1"},
    )
    assert response.status_code in (302, 403)
    assert "/login" in response.get("Location", "/login")
    order.refresh_from_db()
    assert order.status == "pending_payment"


def test_producer_with_partner_dashboard_access_cannot_mark_paid(client, django_user_model):
    order = place_order()
    producer = django_user_model.objects.create_user("p", "p@example.vn", "x")
    producer.user_permissions.add(Permission.objects.get(codename="dashboard_access"))
    order.test_stockrecord.partner.users.add(producer)
    client.force_login(producer)
    assert client.get(detail_url(order)).status_code == 200  # may see its own orders
    assert "mark_bank_transfer_paid" not in page_text(client.get(detail_url(order)))
    response = client.post(
        detail_url(order),
        {"order_action": "mark_bank_transfer_paid", "amount": "1250000", "reference": "FT1"},
    )
    assert response.status_code == 403
    order.refresh_from_db()
    assert order.status == "pending_payment"


def test_the_card_payment_actions_slot_is_included_when_present(client, staff):
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template

    try:
        get_template("payments/dashboard/order_actions.html")
        expected = "payments/dashboard/order_actions.html"
    except TemplateDoesNotExist:
        expected = None
    client.force_login(staff)
    response = client.get(detail_url(place_order()))
    assert response.status_code == 200
    assert response.context["payment_actions_template"] == expected
