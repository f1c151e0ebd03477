"""Gift bundle orders seen by producers: each producer sees, is told about and ships only its
own components; the customer sees one bundle, shipped once every producer has sent its part."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from shop.bundles.models import OrderLineComponent
from shop.checkout import services as checkout
from shop.workspace import services
from shop.workspace.models import Shipment
from tests.bundles.helpers import bundle
from tests.checkout.helpers import basket_with, place
from tests.workspace.helpers import make_user

pytestmark = pytest.mark.django_db

ShippingEvent = get_model("order", "ShippingEvent")


def detail(order):
    return reverse("dashboard:order-detail", kwargs={"number": order.number})


def to(user):
    return [m for m in mail.outbox if user.email in m.to]


@pytest.fixture
def gift(producer_a, producer_b):
    """A gift bundle of 2 × A's first product and 1 × B's first product."""
    return bundle(
        [(producer_a.products[0], 2), (producer_b.products[0], 1)], title="Hộp quà Tết Quảng Ngãi"
    )


@pytest.fixture
def gift_order(gift, producer_a, django_capture_on_commit_callbacks):
    """A paid order of 2 gift bundles and one loose unit of A's second product."""
    customer = make_user("khachqua")
    basket = basket_with(gift, 2, owner=customer)
    basket.add_product(producer_a.products[1], quantity=1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        order = place(basket, user=customer)
        checkout.mark_order_paid(
            order, method="card", amount=order.total_incl_tax, reference=f"pi_{order.number}"
        )
    order.refresh_from_db()
    return order


def ship(order, side, *, lines=(), components=(), carrier, tracking_number):
    """``side`` (a producer fixture) ships ``lines`` and ``components`` in one parcel."""
    return services.mark_lines_shipped(
        order,
        side.partner,
        list(lines),
        carrier=carrier,
        tracking_number=tracking_number,
        user=side.user,
        components=components,
    )


def component_of(order, side):
    return OrderLineComponent.objects.get(line__order=order, partner=side.partner)


def test_each_producer_lists_the_order_with_its_own_components(
    client, producer_a, producer_b, gift_order
):
    client.force_login(producer_b.user)
    listing = client.get(reverse("dashboard:order-list")).content.decode()
    assert gift_order.number in listing
    assert producer_b.products[0].title in listing
    assert producer_a.products[0].title not in listing
    assert producer_a.products[1].title not in listing
    # B has nothing but its bundle component in this order: it is still "to ship".
    to_ship = client.get(reverse("dashboard:order-list") + "?status=to_ship").content.decode()
    assert gift_order.number in to_ship
    home = client.get(reverse("dashboard:index")).context
    assert home["orders_to_ship"] == 1 and home["lines_to_ship"] == 1

    body = client.get(detail(gift_order)).content.decode()
    assert producer_b.products[0].title in body
    assert producer_b.records[0].partner_sku in body
    assert "Hộp quà Tết Quảng Ngãi" in body
    assert producer_a.products[0].title not in body
    assert producer_a.records[0].partner_sku not in body
    assert producer_a.products[1].title not in body
    # 2 bundles × 1 unit of B's product.
    own = component_of(gift_order, producer_b)
    assert own.quantity == 2
    assert f'name="component" value="{own.pk}"' in body
    assert 'name="line"' not in body

    client.force_login(producer_a.user)
    body = client.get(detail(gift_order)).content.decode()
    assert producer_a.products[0].title in body and producer_a.products[1].title in body
    assert producer_b.products[0].title not in body
    assert component_of(gift_order, producer_a).quantity == 4


def test_order_placed_message_lists_each_producers_own_components(
    producer_a, producer_b, gift_order
):
    (to_b,) = to(producer_b.user)
    assert gift_order.number in to_b.subject + to_b.body
    assert producer_b.products[0].title in to_b.body
    assert "Hộp quà Tết Quảng Ngãi" in to_b.body
    assert producer_b.records[0].partner_sku in to_b.body  # what to pick from its shelves
    assert producer_a.products[0].title not in to_b.body
    assert producer_a.products[1].title not in to_b.body
    html = to_b.alternatives[0][0]
    assert producer_b.products[0].title in html and producer_a.products[0].title not in html

    (to_a,) = to(producer_a.user)
    assert producer_a.products[0].title in to_a.body  # its component, 4 units
    assert "× 4" in to_a.body
    assert producer_a.products[1].title in to_a.body  # its loose line
    assert producer_b.products[0].title not in to_a.body

    # The customer's confirmation shows one bundle line, not its components.
    (to_customer,) = [
        m for m in mail.outbox if m.to == [gift_order.user.email] and "pi_" not in m.subject
    ][:1]
    assert "Hộp quà Tết Quảng Ngãi" in to_customer.body
    assert producer_b.products[0].title not in to_customer.body


def test_producers_ship_their_components_and_the_bundle_ships_when_all_have(
    client, producer_a, producer_b, gift_order, django_capture_on_commit_callbacks
):
    bundle_line = gift_order.lines.filter(bundle_components__isnull=False).distinct().get()
    own_a, own_b = component_of(gift_order, producer_a), component_of(gift_order, producer_b)
    loose_a = gift_order.lines.get(partner=producer_a.partner)

    # B packs, then ships its component.
    client.force_login(producer_b.user)
    response = client.post(detail(gift_order), {"action": "packed", "component": own_b.pk})
    assert response.status_code == 302
    shipment = Shipment.objects.get(order=gift_order, partner=producer_b.partner)
    assert shipment.status == "packed" and list(shipment.components.all()) == [own_b]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            detail(gift_order),
            {
                "action": "shipped",
                "component": own_b.pk,
                "carrier": "Viettel Post",
                "tracking_number": "VTB1",
            },
            follow=True,
        )
    assert "VTB1" in response.content.decode()
    shipment.refresh_from_db()
    own_b.refresh_from_db()
    bundle_line.refresh_from_db()
    assert (shipment.status, shipment.tracking_number) == ("shipped", "VTB1")
    assert Shipment.objects.filter(order=gift_order).count() == 1  # the packed parcel left
    assert own_b.status == "shipped" and own_b.effective_status == "shipped"
    assert bundle_line.status == "paid"  # A's part has not left yet
    # The customer hears which products of the bundle left.
    (told,) = [m for m in mail.outbox if m.to == [gift_order.user.email]]
    assert "VTB1" in told.body and producer_b.products[0].title in told.body
    assert producer_b.records[0].partner_sku not in told.body
    assert "Hộp quà Tết Quảng Ngãi" in told.body
    # Shipped twice: refused, nothing changes.
    response = client.post(
        detail(gift_order),
        {"action": "shipped", "component": own_b.pk, "carrier": "X", "tracking_number": "2"},
        follow=True,
    )
    assert Shipment.objects.filter(order=gift_order).count() == 1
    assert "đã" in response.content.decode() or "already" in response.content.decode()

    # A ships its component and its loose line in one parcel: the bundle and the order are
    # now shipped.
    client.force_login(producer_a.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            detail(gift_order),
            {
                "action": "shipped",
                "component": own_a.pk,
                "line": loose_a.pk,
                "carrier": "VNPost",
                "tracking_number": "VNA1",
            },
        )
    bundle_line.refresh_from_db()
    loose_a.refresh_from_db()
    gift_order.refresh_from_db()
    assert bundle_line.status == "shipped" and loose_a.status == "shipped"
    assert gift_order.status == "shipped"
    parcel = Shipment.objects.get(order=gift_order, partner=producer_a.partner)
    assert list(parcel.lines.all()) == [loose_a] and list(parcel.components.all()) == [own_a]
    shipped = ShippingEvent.objects.filter(order=gift_order, event_type__code="shipped")
    assert shipped.count() == 2
    # The bundle line has its shipping event quantity once its last part left.
    assert (
        bundle_line.shipping_event_quantities.filter(event__event_type__code="shipped")
        .get()
        .quantity
        == 2
    )

    # The customer's order page lists both parcels with their tracking numbers, no SKUs.
    client.force_login(gift_order.user)
    page = client.get(reverse("customer:order", args=[gift_order.number])).content.decode()
    parcels = page.split('id="order-parcels"')[1].split("</table>")[0]
    assert parcels.count('data-testid="order-parcel"') == 2
    assert "VTB1" in parcels and "VNA1" in parcels
    assert producer_b.products[0].title in parcels  # B's part of the bundle, by name
    assert producer_b.records[0].partner_sku not in page


def test_a_producer_cannot_ship_another_producers_component(
    client, producer_a, producer_b, gift_order
):
    own_b = component_of(gift_order, producer_b)
    client.force_login(producer_a.user)
    response = client.post(
        detail(gift_order),
        {"action": "shipped", "component": own_b.pk, "carrier": "X", "tracking_number": "1"},
        follow=True,
    )
    assert response.status_code == 200
    own_b.refresh_from_db()
    assert own_b.status == ""
    assert not Shipment.objects.filter(order=gift_order).exists()
    with pytest.raises(PermissionDenied):
        ship(gift_order, producer_a, components=[own_b], carrier="X", tracking_number="1")
    own_b.refresh_from_db()
    assert own_b.status == ""


def test_bundle_components_count_in_the_producers_sales(producer_a, producer_b, gift_order):
    today = timezone.localdate()
    rows = {row.title: row for row in services.sales_by_product([producer_b.partner], today, today)}
    row = rows[producer_b.products[0].title]
    assert row.units == 2
    assert row.revenue == producer_b.records[0].price * 2
    rows = {row.title: row for row in services.sales_by_product([producer_a.partner], today, today)}
    assert rows[producer_a.products[0].title].units == 4
    assert rows[producer_a.products[1].title].units == 1
    assert isinstance(rows[producer_a.products[0].title].revenue, Decimal)


def test_cancelled_bundle_order_shows_cancelled_components(client, producer_b, gift):
    order = place(basket_with(gift, 1, owner=make_user("khachhuy")), user=None)
    checkout.cancel_order(order, reason="Khách đổi ý")
    own_b = component_of(order, producer_b)
    assert own_b.effective_status == "cancelled"
    client.force_login(producer_b.user)
    body = client.get(detail(order)).content.decode()
    assert producer_b.products[0].title in body
    assert 'data-testid="mark-shipped"' not in body
    response = client.post(
        detail(order),
        {"action": "shipped", "component": own_b.pk, "carrier": "X", "tracking_number": "1"},
    )
    assert response.status_code == 302
    assert not Shipment.objects.filter(order=order).exists()


def test_cancelling_after_one_producer_shipped_keeps_what_left_off_sale(
    producer_a, producer_b, gift
):
    """The components B already sent have left its stock; A's go back on sale."""
    StockRecord = get_model("partner", "StockRecord")
    order = place(basket_with(gift, 1, owner=make_user("khachcod")), user=None)
    order.lines.update(status="processing")
    type(order).objects.filter(pk=order.pk).update(status="processing")  # cash on delivery
    order.refresh_from_db()
    own_a, own_b = component_of(order, producer_a), component_of(order, producer_b)
    before = {
        r.pk: (r.num_in_stock, r.num_allocated)
        for r in StockRecord.objects.filter(pk__in=[own_a.stockrecord_id, own_b.stockrecord_id])
    }
    ship(order, producer_b, components=[own_b], carrier="Viettel Post", tracking_number="VTB9")
    checkout.cancel_order(order, reason="Khách đổi ý")
    record_a = StockRecord.objects.get(pk=own_a.stockrecord_id)
    record_b = StockRecord.objects.get(pk=own_b.stockrecord_id)
    in_a, allocated_a = before[record_a.pk]
    in_b, allocated_b = before[record_b.pk]
    assert (record_a.num_in_stock, record_a.num_allocated) == (in_a, allocated_a - own_a.quantity)
    assert (record_b.num_in_stock, record_b.num_allocated) == (
        in_b - own_b.quantity,
        allocated_b - own_b.quantity,
    )


def test_shipping_part_of_a_packed_parcel_takes_it_out_of_that_parcel(producer_a, gift_order):
    own_a = component_of(gift_order, producer_a)
    loose_a = gift_order.lines.get(partner=producer_a.partner)
    packed = services.mark_lines_packed(
        gift_order, producer_a.partner, [loose_a], user=producer_a.user, components=[own_a]
    )
    sent = ship(gift_order, producer_a, lines=[loose_a], carrier="GHN", tracking_number="GHN1")
    packed.refresh_from_db()
    assert sent.pk != packed.pk and list(sent.lines.all()) == [loose_a]
    assert packed.status == "packed" and not packed.lines.exists()
    assert list(packed.components.all()) == [own_a]  # still waiting in its parcel
    ship(gift_order, producer_a, components=[own_a], carrier="GHN", tracking_number="GHN2")
    # The component left in exactly what remained of the packed parcel.
    packed.refresh_from_db()
    assert packed.status == "shipped" and packed.tracking_number == "GHN2"
    assert not Shipment.objects.filter(order=gift_order, status="packed").exists()


def test_a_packed_parcel_whose_contents_all_left_in_another_is_gone(producer_a, gift_order):
    own_a = component_of(gift_order, producer_a)
    loose_a = gift_order.lines.get(partner=producer_a.partner)
    services.mark_lines_packed(gift_order, producer_a.partner, [loose_a], user=producer_a.user)
    ship(
        gift_order,
        producer_a,
        lines=[loose_a],
        components=[own_a],
        carrier="GHN",
        tracking_number="GHN3",
    )
    parcels = Shipment.objects.filter(order=gift_order, partner=producer_a.partner)
    assert [(p.status, p.tracking_number) for p in parcels] == [("shipped", "GHN3")]


def test_packing_the_same_products_twice_is_refused(producer_a, gift_order):
    own_a = component_of(gift_order, producer_a)
    loose_a = gift_order.lines.get(partner=producer_a.partner)
    services.mark_lines_packed(
        gift_order, producer_a.partner, [], user=producer_a.user, components=[own_a]
    )
    for lines, components in (([], [own_a]), ([loose_a], [own_a])):
        with pytest.raises(services.WorkspaceError):
            services.mark_lines_packed(
                gift_order, producer_a.partner, lines, user=producer_a.user, components=components
            )
    assert Shipment.objects.filter(order=gift_order, status="packed").count() == 1
    services.mark_lines_packed(gift_order, producer_a.partner, [loose_a], user=producer_a.user)
    assert Shipment.objects.filter(order=gift_order, status="packed").count() == 2


def test_gift_options_reach_the_producers_and_the_customer(
    client, producer_a, producer_b, gift, django_capture_on_commit_callbacks
):
    from shop.bundles.models import GiftOptions

    customer = make_user("khachtang")
    basket = basket_with(gift, 1, owner=customer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        order = place(basket, user=customer)
        GiftOptions.objects.create(
            order=order,
            message="Chúc bà năm mới an khang",
            sender_name="Cháu Lan",
            recipient_is_other=True,
            wrapping=True,
            wrapping_price=Decimal("30000"),
        )
        order.surcharges.create(
            name="Gói quà",
            code="gift-wrapping",
            excl_tax=Decimal("30000"),
            incl_tax=Decimal("30000"),
        )
    (to_b,) = to(producer_b.user)
    assert "Chúc bà năm mới an khang" in to_b.body and "Cháu Lan" in to_b.body
    assert "hãy gói sản phẩm" in to_b.body and "không ghi giá" in to_b.body
    (to_customer,) = [m for m in mail.outbox if m.to == [customer.email]]
    assert "Chúc bà năm mới an khang" in to_customer.body
    assert "Gói quà: 30.000" in to_customer.body  # the surcharge, so the total adds up
    assert "30.000" in to_customer.alternatives[0][0]

    # A gift order without bundles is a gift to its producer too.
    loose = basket_with(producer_a.products[1], 1, owner=customer)
    plain = place(loose, user=customer)
    GiftOptions.objects.create(order=plain, message="Tặng mẹ", wrapping=True)
    type(plain).objects.filter(pk=plain.pk).update(status="processing")
    client.force_login(producer_a.user)
    body = client.get(detail(plain)).content.decode()
    assert 'id="producer-gift-panel"' in body and "Tặng mẹ" in body
    assert 'data-testid="producer-gift-wrapping"' in body
    assert reverse("gifts:packing-slip", args=[plain.number]) in body


def test_what_leaves_is_taken_off_the_stock_once(producer_a, producer_b, gift_order):
    """Shipping consumes the allocation (stock and allocation drop, free stock unchanged):
    a producer's recount afterwards matches its shelves. Staff shipping the rest of the
    order consume only what was still here."""
    from shop.notifications.dashboard import mark_order_shipped

    StockRecord = get_model("partner", "StockRecord")
    own_a, own_b = component_of(gift_order, producer_a), component_of(gift_order, producer_b)
    loose_a = gift_order.lines.get(partner=producer_a.partner)

    pks = [own_a.stockrecord_id, own_b.stockrecord_id, loose_a.stockrecord_id]
    before = {
        r.pk: (r.num_in_stock, r.num_allocated) for r in StockRecord.objects.filter(pk__in=pks)
    }
    ship(gift_order, producer_b, components=[own_b], carrier="Viettel Post", tracking_number="VTB5")
    b = StockRecord.objects.get(pk=own_b.stockrecord_id)
    in_b, allocated_b = before[b.pk]
    assert (b.num_in_stock, b.num_allocated) == (
        in_b - own_b.quantity,
        allocated_b - own_b.quantity,
    )

    mark_order_shipped(gift_order, carrier="GHN", tracking_number="GHN9")
    b.refresh_from_db()
    assert (b.num_in_stock, b.num_allocated) == (
        in_b - own_b.quantity,
        allocated_b - own_b.quantity,
    )
    taken = {own_a.stockrecord_id: own_a.quantity}
    taken[loose_a.stockrecord_id] = taken.get(loose_a.stockrecord_id, 0) + loose_a.quantity
    for pk, quantity in taken.items():
        record = StockRecord.objects.get(pk=pk)
        in_stock, allocated = before[pk]
        assert (record.num_in_stock, record.num_allocated) == (
            in_stock - quantity,
            allocated - quantity,
        )


def test_staff_shipping_the_order_sends_the_packed_parcels_and_a_sent_part_stays_sent(
    producer_a, producer_b, gift, gift_order
):
    from shop.notifications.dashboard import mark_order_shipped

    own_a = component_of(gift_order, producer_a)
    packed = services.mark_lines_packed(
        gift_order, producer_a.partner, [], user=producer_a.user, components=[own_a]
    )
    mark_order_shipped(gift_order, carrier="GHN", tracking_number="GHN7")
    packed.refresh_from_db()
    assert (packed.status, packed.tracking_number) == ("shipped", "GHN7")

    # A component its producer sent stays "shipped" for it even if the order is cancelled.
    order = place(basket_with(gift, 1))
    type(order).objects.filter(pk=order.pk).update(status="processing")
    order.lines.update(status="processing")
    order.refresh_from_db()
    sent = component_of(order, producer_b)
    ship(order, producer_b, components=[sent], carrier="VTP", tracking_number="VTP7")
    checkout.cancel_order(order, reason="Khách đổi ý")
    sent.refresh_from_db()
    assert sent.effective_status == "shipped"
    assert component_of(order, producer_a).effective_status == "cancelled"
