"""A producer's orders: its own lines only, packed and shipped with a carrier and tracking number."""

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from shop.workspace import services
from shop.workspace.models import Shipment
from tests.workspace.helpers import line_of, order_with_lines_of

pytestmark = pytest.mark.django_db

ShippingEvent = get_model("order", "ShippingEvent")


def detail(order):
    return reverse("dashboard:order-detail", kwargs={"number": order.number})


def test_producer_packs_then_ships_its_line(
    client, producer_a, producer_b, shared_order, django_capture_on_commit_callbacks
):
    client.force_login(producer_a.user)
    line_a, line_b = line_of(shared_order, producer_a), line_of(shared_order, producer_b)
    response = client.post(detail(shared_order), {"action": "packed", "line": line_a.pk})
    assert response.status_code == 302
    shipment = Shipment.objects.get(order=shared_order)
    assert shipment.status == "packed" and list(shipment.lines.all()) == [line_a]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            detail(shared_order),
            {
                "action": "shipped",
                "line": line_a.pk,
                "carrier": "Viettel Post",
                "tracking_number": "VT123",
            },
            follow=True,
        )
    assert "VT123" in response.content.decode()
    shipment.refresh_from_db()
    line_a.refresh_from_db()
    line_b.refresh_from_db()
    assert (shipment.status, shipment.carrier, shipment.tracking_number) == (
        "shipped",
        "Viettel Post",
        "VT123",
    )
    assert Shipment.objects.filter(order=shared_order).count() == 1
    assert line_a.status == "shipped"
    assert line_b.status == "paid"
    shared_order.refresh_from_db()
    assert shared_order.status == "paid"  # B's line has not left yet
    assert ShippingEvent.objects.filter(order=shared_order, event_type__code="shipped").count() == 1
    # The customer is told (the notification service, or the email fallback).
    assert any("VT123" in message.body for message in mail.outbox)


def test_order_becomes_shipped_when_every_producer_shipped(producer_a, producer_b, shared_order):
    for side in (producer_a, producer_b):
        services.mark_lines_shipped(
            shared_order,
            side.partner,
            [line_of(shared_order, side)],
            carrier="VNPost",
            tracking_number=f"EB{side.partner.pk}VN",
            user=side.user,
        )
    shared_order.refresh_from_db()
    assert shared_order.status == "shipped"
    assert shared_order.status_changes.filter(new_status="shipped").exists()


def test_shipping_needs_carrier_and_tracking_number(client, producer_a, shared_order):
    client.force_login(producer_a.user)
    line = line_of(shared_order, producer_a)
    response = client.post(
        detail(shared_order), {"action": "shipped", "line": line.pk}, follow=True
    )
    assert (
        "mã vận đơn" in response.content.decode() or "tracking number" in response.content.decode()
    )
    line.refresh_from_db()
    assert line.status == "paid"
    assert not Shipment.objects.exists()


def test_unpaid_transfer_is_not_shipped_and_a_line_ships_once(producer_a, producer_b):
    unpaid = order_with_lines_of(producer_a, paid=False)
    with pytest.raises(services.WorkspaceError):
        services.mark_lines_shipped(
            unpaid,
            producer_a.partner,
            list(unpaid.lines.all()),
            carrier="X",
            tracking_number="1",
            user=None,
        )
    order = order_with_lines_of(producer_a)
    lines = list(order.lines.all())
    services.mark_lines_shipped(
        order, producer_a.partner, lines, carrier="X", tracking_number="1", user=None
    )
    with pytest.raises(services.WorkspaceError):
        services.mark_lines_shipped(
            order, producer_a.partner, lines, carrier="X", tracking_number="2", user=None
        )


def test_producer_cannot_ship_another_producers_line_by_service(
    producer_a, producer_b, shared_order
):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.mark_lines_packed(
            shared_order,
            producer_a.partner,
            [line_of(shared_order, producer_b)],
            user=producer_a.user,
        )


def test_staff_see_the_whole_order_and_every_producers_shipment(
    client, staff_user, producer_a, producer_b, shared_order
):
    services.mark_lines_shipped(
        shared_order,
        producer_a.partner,
        [line_of(shared_order, producer_a)],
        carrier="GHN",
        tracking_number="GHN777",
        user=producer_a.user,
    )
    client.force_login(staff_user)
    body = client.get(detail(shared_order)).content.decode()
    assert producer_a.products[0].title in body and producer_b.products[0].title in body
    assert 'id="producer-shipments"' in body and "GHN777" in body


def test_producer_order_list_and_home(client, producer_a, producer_b, shared_order):
    only_b = order_with_lines_of(producer_b)
    client.force_login(producer_a.user)
    listing = client.get(reverse("dashboard:order-list"), {"status": "to_ship"}).content.decode()
    assert shared_order.number in listing and only_b.number not in listing
    home = client.get(reverse("dashboard:index")).content.decode()
    assert producer_a.partner.name in home
    assert only_b.number not in home and producer_b.products[0].title not in home
