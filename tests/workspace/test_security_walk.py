"""Producer A walks every dashboard URL (taken from the URL resolver) against producer B.

For every URL of the dashboard:
- a page A may not use at all (staff only) answers 403 to GET and POST;
- a page about one object is asked for B's object (product, stock record, image, order, line,
  profile, team member, invitation, CSV upload…) and answers 403 or 404 to GET and POST;
- a page without an object (lists, forms) shows nothing of B's, and a POST to it changes
  nothing of B's.
After every request the database rows of both producers are compared with a snapshot: nothing
may change. A new dashboard URL whose arguments the walk cannot fill makes the test fail, so it
has to be added here.
"""

import io

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from oscar.core.application import OscarDashboardConfig
from oscar.core.loading import get_model
from oscar.views.decorators import check_permissions

from shop.bundles.models import OrderLineComponent
from shop.checkout import services as checkout
from shop.workspace import services
from shop.workspace.models import (
    ApplicationDocument,
    Invitation,
    ProducerApplication,
    Shipment,
    StockImport,
)
from tests import factories
from tests.checkout.helpers import basket_with, place
from tests.workspace.helpers import line_of, make_user, order_with_lines_of

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")
Partner = get_model("partner", "Partner")
Order = get_model("order", "Order")
Line = get_model("order", "Line")
ShippingEvent = get_model("order", "ShippingEvent")
PaymentEvent = get_model("order", "PaymentEvent")
OrderNote = get_model("order", "OrderNote")
ShippingAddress = get_model("order", "ShippingAddress")
Certificate = get_model("catalogue", "Certificate")

# URLs not walked: signing in and out (they act on the session, not on objects).
NOT_WALKED = {"dashboard:login", "dashboard:logout"}


def dashboard_patterns():
    """(url name, kwarg names) of every named URL in the dashboard namespace."""
    found = []

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = namespace
                if pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, ns)
            elif isinstance(pattern, URLPattern) and pattern.name and namespace == "dashboard":
                found.append((f"dashboard:{pattern.name}", list(pattern.pattern.regex.groupindex)))

    walk(get_resolver().url_patterns, "")
    return sorted(set((name, tuple(kwargs)) for name, kwargs in found))


def dashboard_permissions(url_name):
    short = url_name.split(":", 1)[1]
    for config in apps.get_app_configs():
        if isinstance(config, OscarDashboardConfig):
            names = {getattr(p, "name", None) for p in config.urls[0]}
            if short in names:
                return config.get_permissions(short)
    raise AssertionError(f"no dashboard app owns {url_name}")


@pytest.fixture
def world(producer_a, producer_b, shared_order, tmp_path):
    """B's objects of every kind, and an order holding B's lines only."""
    b = producer_b
    b_only_order = order_with_lines_of(b)
    b_product = b.products[0]
    image = ProductImage.objects.create(product=b_product, original="images/b.jpg", caption="B")
    certificate = factories.CertificateFactory(product=b_product, verified=False)
    member = make_user("machnha2", codenames=["dashboard_access"])
    b.partner.users.add(member)
    invitation = Invitation.objects.create(partner=b.partner, email="new@ocop.local")
    stock_import = StockImport.objects.create(
        partner=b.partner, file="workspace/stock-imports/b.csv", original_name="b.csv"
    )
    services.mark_lines_packed(b_only_order, b.partner, list(b_only_order.lines.all()), user=b.user)
    applicant = make_user("applicant")
    application = ProducerApplication.objects.create(
        applicant=applicant,
        business_name="HTX B mới",
        legal_type="cooperative",
        tax_code="4300000999",
        province=b.producer.province,
        commune=b.producer.commune,
        contact_name="B",
        phone="0912345678",
        email="applicant@ocop.local",
    )
    document = ApplicationDocument.objects.create(
        application=application,
        file="workspace/applications/x.pdf",
        original_name="x.pdf",
        content_type="application/pdf",
        size=10,
    )
    from shop.wholesale.models import Business, Quote

    business = Business.objects.create(
        name="Siêu thị C", tax_code="0100109106", billing_address="Quảng Ngãi", email="c@st.vn"
    )
    quote = Quote.objects.create(business=business, stockrecord=b.records[0], quantity=500)
    from shop.bundles import services as bundle_services

    bundle = bundle_services.save_bundle(
        title="Hộp quà của B",
        occasion=bundle_services.ensure_occasions().first(),
        components=[(b_product, 1)],
        owner=b.partner,
    )
    # A paid order of a gift bundle made of A's and B's products: A sees the order, with
    # its own component only.
    gift = bundle_services.save_bundle(
        title="Hộp quà chung",
        occasion=bundle_services.ensure_occasions().first(),
        components=[(producer_a.products[1], 1), (b.products[1], 2)],
    )
    gift_order = place(basket_with(gift.product, 1))
    checkout.mark_order_paid(
        gift_order, method="card", amount=gift_order.total_incl_tax, reference="pi_gift"
    )
    return {
        "gift_order": gift_order,
        "b_component": OrderLineComponent.objects.get(line__order=gift_order, partner=b.partner),
        "quote": quote,
        "bundle": bundle,
        "product": b_product,
        "stockrecord": b.records[0],
        "image": image,
        "certificate": certificate,
        "member": member,
        "invitation": invitation,
        "stock_import": stock_import,
        "order": b_only_order,
        "shared_order": shared_order,
        "line": line_of(shared_order, b),
        "b_only_line": b_only_order.lines.get(),
        "application": application,
        "document": document,
    }


def b_objects_kwargs(url_name, kwargs, world, b):
    """Arguments pointing the URL at producer B's object (None: no B object applies)."""
    by_name = {
        "dashboard:catalogue-product": {"pk": world["product"].pk},
        "dashboard:catalogue-product-delete": {"pk": world["product"].pk},
        "dashboard:catalogue-product-create-child": {"parent_pk": world["product"].pk},
        "dashboard:workspace-stock-update": {"pk": world["stockrecord"].pk},
        "dashboard:workspace-stock-import-detail": {"pk": world["stock_import"].pk},
        "dashboard:workspace-invitation-withdraw": {"pk": world["invitation"].pk},
        "dashboard:workspace-member-remove": {"pk": world["member"].pk},
        "dashboard:producer-update": {"pk": b.producer.pk},
        "dashboard:bundle-update": {"pk": world["bundle"].pk},
        "dashboard:producer-application-detail": {"pk": world["application"].pk},
        "dashboard:producer-application-document": {"pk": world["document"].pk},
        "dashboard:wholesale-tier": {"pk": world["stockrecord"].pk},
        "dashboard:wholesale-quote": {"pk": world["quote"].pk},
    }
    if url_name in by_name:
        return [by_name[url_name]]
    if url_name == "dashboard:order-line-detail":
        # B's line inside the shared order, and B's line of an order of B's only.
        return [
            {"number": world["shared_order"].number, "line_id": world["line"].pk},
            {"number": world["order"].number, "line_id": world["b_only_line"].pk},
        ]
    if set(kwargs) == {"number"}:
        return [{"number": world["order"].number}]
    if set(kwargs) == {"number", "note_id"}:
        note = OrderNote.objects.create(order=world["order"], message="B")
        return [{"number": world["order"].number, "note_id": note.pk}]
    return None


def any_kwargs(kwargs, world):
    """Arguments of the right shape (for pages A may not open at all)."""
    values = {"pk": 1, "parent": 1, "parent_pk": world["product"].pk}
    return {name: values.get(name, "1") for name in kwargs}


def snapshot():
    """Every row the walk could touch, as plain values."""
    tables = [
        Product.objects.values(),
        ProductImage.objects.values(),
        StockRecord.objects.values(),
        Certificate.objects.values(),
        Order.objects.values(),
        Line.objects.values(),
        ShippingEvent.objects.values(),
        PaymentEvent.objects.values(),
        OrderNote.objects.values(),
        ShippingAddress.objects.values(),
        Shipment.objects.values(),
        Shipment.components.through.objects.values(),
        OrderLineComponent.objects.values(),
        Partner.users.through.objects.values(),
        Invitation.objects.values(),
        StockImport.objects.values(),
        ProducerApplication.objects.values(),
        get_model("producers", "Producer").objects.values(),
        get_model("producers", "ProducerPhoto").objects.values(),
        get_model("wholesale", "PriceTier").objects.values(),
        get_model("wholesale", "WholesaleTerms").objects.values(),
        get_model("wholesale", "Quote").objects.values(),
    ]
    return [
        sorted(map(repr, table.order_by("pk") if hasattr(table, "order_by") else table))
        for table in tables
    ]


def b_markers(b, world):
    """Text that must never appear on A's pages."""
    return [
        b.partner.name,
        *(product.title for product in b.products),
        *(record.partner_sku for record in b.records),
        world["order"].number,
        world["member"].email,
        world["invitation"].email,
    ]


def refused(response):
    """Refused: forbidden or not found (405: the page has no such method at all)."""
    return response.status_code in (403, 404, 405)


def test_producer_a_cannot_reach_or_change_anything_of_producer_b(
    client, producer_a, producer_b, world
):
    a, b = producer_a, producer_b
    client.force_login(a.user)
    markers = b_markers(b, world)
    before = snapshot()
    walked, problems = [], []

    for url_name, kwargs in dashboard_patterns():
        if url_name in NOT_WALKED:
            continue
        allowed = check_permissions(a.user, dashboard_permissions(url_name))
        if not allowed:
            url = reverse(url_name, kwargs=any_kwargs(kwargs, world))
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                if response.status_code != 403:
                    problems.append(
                        f"{method.upper()} {url} ({url_name}) staff only: {response.status_code}"
                    )
            walked.append(url_name)
            continue
        if kwargs and kwargs != ("product_class_slug",):
            targets = b_objects_kwargs(url_name, kwargs, world, b)
            if targets is None:
                problems.append(f"{url_name}{kwargs}: the walk does not know B's object for it")
                continue
            for target in targets:
                url = reverse(url_name, kwargs=target)
                for method in ("get", "post"):
                    response = getattr(client, method)(
                        url,
                        {
                            "action": "shipped",
                            "line": world["b_only_line"].pk,
                            "component": world["b_component"].pk,
                            "carrier": "X",
                            "tracking_number": "1",
                        }
                        if method == "post"
                        else None,
                    )
                    if not refused(response):
                        problems.append(
                            f"{method.upper()} {url} ({url_name}): {response.status_code}"
                        )
        else:
            target = {"product_class_slug": b.products[0].product_class.slug} if kwargs else {}
            url = reverse(url_name, kwargs=target)
            response = client.get(url, follow=True)
            if response.status_code != 200:
                problems.append(f"GET {url} ({url_name}): {response.status_code}")
            else:
                body = response.content.decode()
                problems += [f"GET {url} ({url_name}) shows {m!r}" for m in markers if m in body]
            client.post(url, {})
        walked.append(url_name)
        if snapshot() != before:
            problems.append(f"{url_name}: the database changed")
            before = snapshot()

    assert not problems, "\n".join(problems)
    # The walk covered the workspace and the pages producers share with staff.
    for name in (
        "dashboard:catalogue-product",
        "dashboard:order-detail",
        "dashboard:order-line-detail",
        "dashboard:workspace-stock-update",
        "dashboard:workspace-team",
        "dashboard:producer-update",
        "dashboard:producer-application-list",
        "dashboard:catalogue-certificate-list",
        "dashboard:users-index",
    ):
        assert name in walked, name


def test_order_pages_show_producer_a_only_its_own_lines(client, producer_a, producer_b, world):
    client.force_login(producer_a.user)
    order = world["shared_order"]
    body = client.get(
        reverse("dashboard:order-detail", kwargs={"number": order.number})
    ).content.decode()
    assert producer_a.products[0].title in body
    assert producer_b.products[0].title not in body
    assert producer_b.records[0].partner_sku not in body
    # No payments, notes or whole-order totals of the order.
    assert "pi_" not in body
    assert str(int(order.total_incl_tax)) not in body.replace(".", "")
    listing = client.get(reverse("dashboard:order-list")).content.decode()
    assert order.number in listing
    assert world["order"].number not in listing
    assert producer_b.products[0].title not in listing
    # Oscar's CSV export of the list is not available to producers.
    export = client.get(reverse("dashboard:order-list") + "?response_format=csv")
    assert "text/csv" not in export.get("Content-Type", "")


def test_actions_aimed_at_producer_b_change_nothing(
    client, producer_a, producer_b, world, django_capture_on_commit_callbacks
):
    a, b = producer_a, producer_b
    client.force_login(a.user)
    before = snapshot()
    order = world["shared_order"]
    # Ship B's line through A's view of the shared order.
    response = client.post(
        reverse("dashboard:order-detail", kwargs={"number": order.number}),
        {
            "action": "shipped",
            "line": world["line"].pk,
            "carrier": "VNPost",
            "tracking_number": "1",
        },
    )
    assert response.status_code == 302
    # Ship B's gift bundle component, alone and beside A's own one, in the gift order A sees.
    gift_order = world["gift_order"]
    own = OrderLineComponent.objects.get(line__order=gift_order, partner=a.partner)
    for components in ([world["b_component"].pk], [own.pk, world["b_component"].pk]):
        response = client.post(
            reverse("dashboard:order-detail", kwargs={"number": gift_order.number}),
            {
                "action": "shipped",
                "component": components,
                "carrier": "VNPost",
                "tracking_number": "1",
            },
        )
        assert response.status_code == 302
    # Oscar's line actions and order actions (status, notes, payment events).
    for data in (
        {
            "line_action": "change_line_statuses",
            "selected_line": world["line"].pk,
            "new_status": "shipped",
            f"selected_line_qty_{world['line'].pk}": 2,
        },
        {
            "line_action": "create_shipping_event",
            "selected_line": world["line"].pk,
            "shipping_event_type": 1,
            f"selected_line_qty_{world['line'].pk}": 2,
        },
        {"order_action": "change_order_status", "new_status": "cancelled"},
        {"order_action": "save_note", "message": "x"},
        {"order_action": "create_order_payment_event", "amount": "1", "event_type": 1},
    ):
        client.post(reverse("dashboard:order-detail", kwargs={"number": order.number}), data)
    # Bulk price change and publish on B's product.
    client.post(
        reverse("dashboard:catalogue-product-bulk-action"),
        {"action": "set_product_price", "selected_product": [b.products[0].pk], "price": "1"},
    )
    client.post(
        reverse("dashboard:catalogue-product-list"),
        {"action": "make_products_non_public", "selected_product": [b.products[0].pk]},
    )
    # A CSV naming B's SKU.
    csv_file = io.BytesIO(f"sku,num_in_stock,price\n{b.records[0].partner_sku},1,1\n".encode())
    csv_file.name = "stock.csv"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("dashboard:workspace-stock-import"), {"file": csv_file})
    # A product form posting a stock record for B's partner.
    product_class = a.products[0].product_class
    client.post(
        reverse("dashboard:catalogue-product", kwargs={"pk": a.products[0].pk}),
        {
            "title": a.products[0].title,
            "upc": a.products[0].upc,
            "structure": "standalone",
            "stockrecords-TOTAL_FORMS": 1,
            "stockrecords-INITIAL_FORMS": 0,
            "stockrecords-0-partner": b.partner.pk,
            "stockrecords-0-partner_sku": "STOLEN",
            "stockrecords-0-price": "1",
            "stockrecords-0-num_in_stock": "1",
        },
    )
    assert product_class
    # B's application, invitation token.
    assert refused(
        client.get(reverse("workspace:application", kwargs={"pk": world["application"].pk}))
    )
    token = services.invitation_token(world["invitation"])
    client.post(reverse("workspace:invitation-accept", kwargs={"token": token}))
    # The only new row is A's own stock import, rejected for naming B's SKU.
    rejected = StockImport.objects.get(partner=a.partner)
    assert rejected.status == StockImport.Status.REJECTED
    assert "không phải" in str(rejected.errors) or "not one of your products" in str(
        rejected.errors
    )
    rejected.delete()
    assert snapshot() == before
    assert not StockRecord.objects.filter(partner_sku="STOLEN").exists()
    assert (
        not StockImport.objects.filter(partner=b.partner)
        .exclude(pk=world["stock_import"].pk)
        .exists()
    )


def test_a_producer_reaches_no_staff_only_page_outside_the_dashboard(client, producer_a, world):
    client.force_login(producer_a.user)
    refund = client.post(
        reverse("payments:staff-refund", kwargs={"number": world["order"].number}), {"amount": "1"}
    )
    assert refund.status_code in (302, 403) and "/admin/login/" in refund.get(
        "Location", "/admin/login/"
    )
    admin = client.get("/admin/")
    assert admin.status_code == 302 and "/admin/login/" in admin["Location"]
