"""A producer's gift bundle, and a producer's change of its price terms, wait for staff
approval: not listed, not addable to a basket, refused at placement until staff approve
that version; staff's own bundles are live at once. Staff filter, approve and reject (with a
reason told to the producer through the outbox)."""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.bundles import services
from shop.bundles.models import GiftBundle
from shop.notifications.models import OutboxMessage
from tests.bundles.helpers import bundle, component
from tests.bundles.test_dashboard import post_data, user
from tests.checkout.test_flow import choose, to_payment_method

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")
StockRecord = get_model("partner", "StockRecord")

PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"


def producer_with_product(price=Decimal("100000")):
    own = component(price=price, title="Tỏi Lý Sơn")
    partner = own.stockrecords.get().partner
    return own, partner, user(partner=partner)


def listed_titles(client):
    return client.get(reverse("gifts:collection")).content.decode()


def add(client, product):
    record = StockRecord.objects.get(product=product)
    return client.post(
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"quantity": 1, "stockrecord": record.pk},
    )


def basket_lines():
    return sum(b.lines.count() for b in Basket.objects.all())


def decide(client, gift, action, reason="", version=None):
    return client.post(
        reverse("dashboard:bundle-decide", args=[gift.pk]),
        {
            "action": action,
            "version": version or gift.approval_version,
            "reason": reason,
        },
    )


def test_a_producers_bundle_is_not_sold_until_staff_approve_it(client):
    own, partner, producer = producer_with_product()
    client.force_login(producer)
    response = client.post(
        reverse("dashboard:bundle-create"), post_data([(own, 2)], title="Quà của nhà vườn")
    )
    assert response.status_code == 302
    gift = GiftBundle.objects.get()
    assert gift.approval == PENDING and gift.owner == partner
    client.logout()
    # Not listed, not sold.
    url = gift.product.get_absolute_url()
    assert url not in listed_titles(client)
    assert url not in client.get(reverse("catalogue:index")).content.decode()
    search = client.get(reverse("search:search"), {"q": "Quà của nhà vườn"})
    assert url not in search.content.decode()
    page = client.get(gift.product.get_absolute_url()).content.decode()
    assert "phê duyệt" in page  # "waiting for the marketplace's approval"
    add(client, gift.product)
    assert basket_lines() == 0
    # Staff approve this version: on sale.
    client.force_login(user(staff=True))
    assert decide(client, gift, "approve").status_code == 302
    gift.refresh_from_db()
    assert gift.approval == APPROVED
    client.logout()
    assert url in listed_titles(client)
    assert url in client.get(reverse("search:search"), {"q": "Quà của nhà vườn"}).content.decode()
    add(client, gift.product)
    assert basket_lines() == 1
    message = OutboxMessage.objects.get(event="BUNDLE_APPROVED")
    assert message.partner == partner and message.recipient == producer.email


def test_staff_bundles_are_live_at_once(client):
    a = component()
    client.force_login(user(staff=True))
    client.post(reverse("dashboard:bundle-create"), post_data([(a, 1)], title="Quà của sàn"))
    assert GiftBundle.objects.get().approval == APPROVED
    client.logout()
    assert "Quà của sàn" in listed_titles(client)


@pytest.mark.parametrize(
    "change",
    [
        {"discount_percent": "20"},
        {"discount_amount": "5000"},
        {"pricing": "fixed", "fixed_price": "190000"},
        {"components-0-quantity": "3"},
    ],
)
def test_a_producers_price_change_waits_for_approval_again(client, change):
    own, partner, producer = producer_with_product()
    gift = services.save_bundle(
        title="Quà nhà vườn", occasion=post_occasion(), components=[(own, 2)], owner=partner
    )
    services.save_bundle(  # staff approved it by saving it
        bundle=gift,
        title="Quà nhà vườn",
        occasion=gift.occasion,
        components=[(own, 2)],
        owner=partner,
        by_staff=True,
        discount_percent=10,
    )
    gift.refresh_from_db()
    assert gift.approval == APPROVED
    version = gift.approval_version
    client.force_login(producer)
    url = reverse("dashboard:bundle-update", args=[gift.pk])
    # A change of text only keeps it on sale.
    assert client.post(url, post_data([(own, 2)], title="Quà nhà vườn mới")).status_code == 302
    gift.refresh_from_db()
    assert gift.approval == APPROVED and gift.approval_version == version
    response = client.post(url, post_data([(own, 2)], title="Quà nhà vườn mới", **change))
    assert response.status_code == 302
    gift.refresh_from_db()
    assert gift.approval == PENDING and gift.approval_version == version + 1
    add(client, gift.product)
    assert basket_lines() == 0


def post_occasion():
    from tests.bundles.helpers import occasion

    return occasion()


def test_a_basket_line_of_a_bundle_changed_since_is_refused_at_placement(client):
    own, partner, _producer = producer_with_product()
    gift = services.save_bundle(
        title="Quà nhà vườn",
        occasion=post_occasion(),
        components=[(own, 1)],
        owner=partner,
        by_staff=True,
    )
    to_payment_method(client, gift.product, 1)
    choose(client, "cod")
    preview = client.get(reverse("checkout:preview"))
    assert preview.status_code == 200
    # The producer changes its discount meanwhile: that version is not approved.
    services.save_bundle(
        bundle=gift,
        title="Quà nhà vườn",
        occasion=gift.occasion,
        components=[(own, 1)],
        owner=partner,
        discount_percent=25,
    )
    response = client.post(
        reverse("checkout:preview"),
        {"action": "place_order", "basket_hash": preview.context["basket_hash"]},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("basket:summary")
    assert not Order.objects.exists()


def test_staff_filter_pending_bundles_and_reject_with_a_reason(client):
    own, partner, producer = producer_with_product()
    pending = services.save_bundle(
        title="Chờ duyệt", occasion=post_occasion(), components=[(own, 1)], owner=partner
    )
    bundle([(component(), 1)], title="Đã bán")
    staff = user(staff=True)
    client.force_login(staff)
    page = client.get(reverse("dashboard:bundle-list"), {"approval": "pending"}).content.decode()
    assert "Chờ duyệt" in page and "Đã bán" not in page
    assert 'data-testid="pending-count">1<' in page
    # No reason: refused. An outdated version: refused. Nothing changes.
    decide(client, pending, "reject", reason="  ")
    decide(client, pending, "approve", version=pending.approval_version + 1)
    pending.refresh_from_db()
    assert pending.approval == PENDING
    assert not OutboxMessage.objects.exists()
    decide(client, pending, "reject", reason="Giá <b>quá thấp</b> so với thị trường")
    pending.refresh_from_db()
    assert pending.approval == REJECTED and pending.reviewed_by == staff
    assert pending.approval_note == "Giá <b>quá thấp</b> so với thị trường"
    message = OutboxMessage.objects.get(event="BUNDLE_REJECTED")
    assert message.recipient == producer.email and message.partner == partner
    from shop.notifications import services as notifications

    rendered = notifications.render(message)
    assert "Chờ duyệt" in rendered["subject"]
    assert "Giá <b>quá thấp</b> so với thị trường" in rendered["body"]
    assert "Giá &lt;b&gt;quá thấp&lt;/b&gt;" in rendered["html"]
    # The producer sees the reason on its bundle.
    client.force_login(producer)
    page = client.get(reverse("dashboard:bundle-update", args=[pending.pk])).content.decode()
    assert "Giá &lt;b&gt;quá thấp&lt;/b&gt; so với thị trường" in page


def test_producers_cannot_approve_nor_change_the_minimum(client):
    own, partner, producer = producer_with_product()
    gift = services.save_bundle(
        title="Của tôi", occasion=post_occasion(), components=[(own, 1)], owner=partner
    )
    client.force_login(producer)
    assert decide(client, gift, "approve").status_code in (302, 403)
    gift.refresh_from_db()
    assert gift.approval == PENDING
    response = client.post(reverse("dashboard:bundle-settings"), {"min_price_percent": "1"})
    assert response.status_code in (302, 403)
    from shop.bundles.models import BundleSettings

    assert BundleSettings.current().min_price_percent == 70
