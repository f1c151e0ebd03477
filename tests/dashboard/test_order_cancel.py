"""Cancelling from the staff order page or the order list is a real cancellation: the order's
stock (gift bundle components included) goes back on sale and the customer and producers are
told; a paid order must be refunded first."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from oscar.core.loading import get_model

from shop.bundles import services as bundles
from shop.checkout import services as checkout
from shop.notifications.models import OutboxMessage
from tests.bundles.helpers import bundle, component
from tests.checkout.helpers import basket_with, ensure_vietnam, place

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_user(
        "staff", "staff@example.vn", "x-Secret-123", is_staff=True, is_superuser=True
    )
    client.force_login(user)
    return user


@pytest.fixture
def gift_order():
    ensure_vietnam()
    garlic = component(num_in_stock=9, price=Decimal("100000"))
    syrup = component(num_in_stock=4, price=Decimal("50000"))
    gift = bundle([(garlic, 3), (syrup, 1)])
    order = place(basket_with(gift, 2), guest_email="khach@example.vn")
    assert bundles.bundle_availability(gift) == 1
    return order, gift


def test_cancelling_on_the_order_page_releases_the_components(
    client, staff, gift_order, django_capture_on_commit_callbacks
):
    order, gift = gift_order
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("dashboard:order-detail", args=[order.number]),
            {"order_action": "change_order_status", "new_status": "cancelled"},
        )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == "cancelled"
    assert set(order.lines.values_list("status", flat=True)) == {"cancelled"}
    assert bundles.bundle_availability(gift) == 3  # 9 // 3, nothing held any more
    assert OutboxMessage.objects.filter(order=order, event="ORDER_CANCELLED").exists()
    assert order.notes.exists()


def test_cancelling_from_the_order_list_releases_the_components(client, staff, gift_order):
    order, gift = gift_order
    client.post(
        reverse("dashboard:order-list"),
        {
            "action": "change_order_statuses",
            "selected_order": [order.pk],
            "new_status": "cancelled",
        },
    )
    order.refresh_from_db()
    assert order.status == "cancelled"
    assert bundles.bundle_availability(gift) == 3


def test_a_paid_order_is_not_cancelled_before_its_refund(client, staff, gift_order):
    order, gift = gift_order
    checkout.mark_order_paid(order, method="card", amount=order.total_incl_tax, reference="pi_1")
    response = client.post(
        reverse("dashboard:order-detail", args=[order.number]),
        {"order_action": "change_order_status", "new_status": "cancelled"},
        follow=True,
    )
    order.refresh_from_db()
    assert order.status == "paid"
    assert bundles.bundle_availability(gift) == 1
    assert "hoàn tiền" in response.content.decode()


def test_status_choices_read_in_words(client, staff, gift_order):
    order, _gift = gift_order
    page = client.get(reverse("dashboard:order-detail", args=[order.number]))
    choices = dict(page.context["order_status_form"].fields["new_status"].choices)
    assert choices["cancelled"] == "Đã hủy"
    listing = client.get(reverse("dashboard:order-list"))
    assert dict(listing.context["form"].fields["status"].choices)["pending_payment"] == (
        "Chờ thanh toán"
    )
    assert 'value="cancelled">Đã hủy</option>' in page.content.decode()


def test_shipped_from_the_status_menu_takes_the_components_off_the_stock(client, staff, gift_order):
    StockRecord = get_model("partner", "StockRecord")
    order, gift = gift_order
    checkout.mark_order_paid(order, method="card", amount=order.total_incl_tax, reference="pi_2")
    held = {c.stockrecord_id: c for c in order.lines.get().bundle_components.all()}
    before = {r.pk: (r.num_in_stock, r.num_allocated) for r in StockRecord.objects.all()}
    client.post(
        reverse("dashboard:order-detail", args=[order.number]),
        {"order_action": "change_order_status", "new_status": "shipped"},
    )
    order.refresh_from_db()
    assert order.status == "shipped"
    for pk, part in held.items():
        record = StockRecord.objects.get(pk=pk)
        in_stock, allocated = before[pk]
        assert (record.num_in_stock, record.num_allocated) == (
            in_stock - part.quantity,
            allocated - part.quantity,
        )
    assert bundles.bundle_availability(gift) == 1  # free stock unchanged by shipping


def test_a_paid_order_moved_back_to_processing_still_needs_its_refund(client, staff, gift_order):
    order, gift = gift_order
    checkout.mark_order_paid(
        order, method="bank_transfer", amount=order.total_incl_tax, reference="VCB1"
    )
    url = reverse("dashboard:order-detail", args=[order.number])
    client.post(url, {"order_action": "change_order_status", "new_status": "processing"})
    order.refresh_from_db()
    assert order.status == "processing"
    response = client.post(
        url, {"order_action": "change_order_status", "new_status": "cancelled"}, follow=True
    )
    order.refresh_from_db()
    assert order.status == "processing"
    assert bundles.bundle_availability(gift) == 1
    assert "hoàn tiền" in response.content.decode()
    assert "Đang xử lý" in response.content.decode()  # the status change message, in words


def test_staff_cannot_ship_or_cancel_single_lines_from_the_menu(client, staff, gift_order):
    order, _gift = gift_order
    line = order.lines.get()
    url = reverse("dashboard:order-detail", args=[order.number])
    page = client.get(url)
    codes = [code for code, _label in page.context["line_status_choices"]]
    assert "shipped" not in codes and "cancelled" not in codes
    for status in ("shipped", "cancelled", "delivered"):
        response = client.post(
            url,
            {
                "line_action": "change_line_statuses",
                "selected_line": [line.pk],
                f"selected_line_qty_{line.pk}": line.quantity,
                "new_status": status,
            },
            follow=True,
        )
        line.refresh_from_db()
        assert line.status != status
        assert "Đánh dấu đã gửi" in response.content.decode()
