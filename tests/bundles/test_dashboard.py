"""The bundle editor: staff build bundles from any product, a producer from its own only."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from shop.bundles.models import GiftBundle
from tests.bundles.helpers import bundle, component, occasion

pytestmark = pytest.mark.django_db


def user(staff=False, partner=None):
    n = get_user_model().objects.count() + 1
    account = get_user_model().objects.create_user(
        username=f"d{n}", email=f"d{n}@example.vn", password="x-Secret-123", is_staff=staff
    )
    if staff:
        account.user_permissions.add(Permission.objects.get(codename="change_product"))
    if partner is not None:
        account.user_permissions.add(Permission.objects.get(codename="dashboard_access"))
        partner.users.add(account)
    return account


def post_data(parts, **fields):
    data = {
        "title": "Hộp quà mới",
        "description": "",
        "occasion": occasion().pk,
        "pricing": "components",
        "discount_percent": "10",
        "discount_amount": "0",
        "is_public": "on",
        "components-TOTAL_FORMS": str(len(parts)),
        "components-INITIAL_FORMS": "0",
        "components-MIN_NUM_FORMS": "0",
        "components-MAX_NUM_FORMS": "20",
    }
    for i, (product, qty) in enumerate(parts):
        data[f"components-{i}-product"] = str(product.pk)
        data[f"components-{i}-quantity"] = str(qty)
    data.update(fields)
    return data


def test_staff_build_a_bundle(client):
    a, b = component(price=Decimal("100000")), component(price=Decimal("50000"))
    client.force_login(user(staff=True))
    response = client.post(reverse("dashboard:bundle-create"), post_data([(a, 2), (b, 1)]))
    assert response.status_code == 302, response.content.decode()[:2000]
    created = GiftBundle.objects.get()
    assert created.owner is None
    assert sorted(created.components.values_list("quantity", flat=True)) == [1, 2]
    assert created.product.stockrecords.get().price == Decimal("225000")
    page = client.get(reverse("dashboard:bundle-list"))
    assert "Hộp quà mới" in page.content.decode()


def test_bad_bundle_changes_nothing(client):
    a = component()
    client.force_login(user(staff=True))
    duplicate = post_data([(a, 1), (a, 2)])
    assert client.post(reverse("dashboard:bundle-create"), duplicate).status_code == 400
    fixed_without_price = post_data([(a, 1)], pricing="fixed")
    assert client.post(reverse("dashboard:bundle-create"), fixed_without_price).status_code == 400
    assert client.post(reverse("dashboard:bundle-create"), post_data([])).status_code == 400
    assert not GiftBundle.objects.exists()


def test_a_discount_as_large_as_the_total_is_refused_and_named(client):
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    a = component(price=Decimal("65000"))
    products_before = Product.objects.count()
    client.force_login(user(staff=True))
    data = post_data([(a, 1)], discount_percent="0", discount_amount="100000")
    response = client.post(reverse("dashboard:bundle-create"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "65.000" in html and "giảm giá" in html
    assert response.context["bundle"] is None
    assert not GiftBundle.objects.exists() and Product.objects.count() == products_before
    # An existing bundle keeps its price when a change would make it free.
    gift = bundle([(a, 1)], title="Hộp quà cũ").gift_bundle
    url = reverse("dashboard:bundle-update", args=[gift.pk])
    response = client.post(url, post_data([(a, 1)], title="Đổi tên", discount_amount="65000"))
    assert response.status_code == 400
    gift.refresh_from_db()
    gift.product.refresh_from_db()
    assert gift.product.title == "Hộp quà cũ"
    assert response.context["bundle"].product.title == "Hộp quà cũ"


def test_a_zero_fixed_price_gets_one_error(client):
    a = component()
    client.force_login(user(staff=True))
    response = client.post(
        reverse("dashboard:bundle-create"), post_data([(a, 1)], pricing="fixed", fixed_price="0")
    )
    assert response.status_code == 400
    assert len(response.context["form"].errors["fixed_price"]) == 1


def test_a_producer_builds_bundles_from_its_own_products_only(client):
    own = component()
    producer_partner = own.stockrecords.get().partner
    other = component()
    client.force_login(user(partner=producer_partner))
    refused = client.post(reverse("dashboard:bundle-create"), post_data([(own, 1), (other, 1)]))
    assert refused.status_code == 400
    assert not GiftBundle.objects.exists()
    ok = client.post(reverse("dashboard:bundle-create"), post_data([(own, 2)]))
    assert ok.status_code == 302
    mine = GiftBundle.objects.get()
    assert mine.owner == producer_partner
    # Staff bundles are out of reach.
    staff_bundle = bundle([(other, 1)], title="Của sàn").gift_bundle
    assert client.get(reverse("dashboard:bundle-update", args=[staff_bundle.pk])).status_code == 404
    assert client.get(reverse("dashboard:bundle-update", args=[mine.pk])).status_code == 200


def test_customers_cannot_open_the_editor(client):
    client.force_login(user())
    response = client.get(reverse("dashboard:bundle-list"))
    assert response.status_code in (302, 403)


def test_deleting_a_bundle_component_is_refused_with_the_bundles_named(client):
    garlic = component(title="Tỏi cô đơn Lý Sơn")
    gift = bundle([(garlic, 2), (component(), 1)], title="Quà biếu Lý Sơn")
    staff = user(staff=True)
    staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_product", "delete_product"])
    )
    client.force_login(staff)
    url = reverse("dashboard:catalogue-product-delete", kwargs={"pk": garlic.pk})
    page = client.get(url).content.decode()
    assert 'id="product-in-bundles"' in page and "Quà biếu Lý Sơn" in page
    assert 'id="delete_product_form"' not in page
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "Quà biếu Lý Sơn" in response.content.decode()
    garlic.refresh_from_db()  # still there
    assert gift.gift_bundle.components.filter(product=garlic).exists()
    # Deleting the bundle itself is allowed, and then the product can go.
    client.post(reverse("dashboard:catalogue-product-delete", kwargs={"pk": gift.pk}))
    assert not GiftBundle.objects.filter(pk=gift.gift_bundle.pk).exists()
    assert 'id="delete_product_form"' in client.get(url).content.decode()
    client.post(url)
    assert not type(garlic).objects.filter(pk=garlic.pk).exists()


def test_a_producers_bundle_text_and_image_are_cleaned(client):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    own = component()
    client.force_login(user(partner=own.stockrecords.get().partner))
    fake = SimpleUploadedFile("qua.jpg", b"<script>not an image</script>", "image/jpeg")
    data = post_data([(own, 1)], description="Quà <b>Tết</b><script>alert(1)</script>")
    refused = client.post(reverse("dashboard:bundle-create"), {**data, "image": fake})
    assert refused.status_code == 400
    assert not GiftBundle.objects.exists()

    photo = io.BytesIO()
    Image.new("RGB", (80, 60), (200, 30, 30)).save(photo, "JPEG", exif=b"Exif\x00\x00secret")
    upload = SimpleUploadedFile("qua.jpg", photo.getvalue(), "image/jpeg")
    response = client.post(reverse("dashboard:bundle-create"), {**data, "image": upload})
    assert response.status_code == 302
    product = GiftBundle.objects.get().product
    assert product.description == "Quà <b>Tết</b>"
    with product.primary_image().original.open("rb") as stored:
        assert b"secret" not in stored.read()
    page = client.get(product.get_absolute_url()).content.decode()
    assert "<b>Tết</b>" in page and "alert(1)" not in page


def test_the_product_page_sanitises_a_stored_description(client):
    gift = bundle([(component(), 1)], title="Hộp quà cũ")
    type(gift).objects.filter(pk=gift.pk).update(
        description='Ngon <img src=x onerror="alert(2)"><a href="javascript:alert(3)">xem</a>'
    )
    page = client.get(gift.get_absolute_url()).content.decode()
    assert "onerror" not in page and "javascript:alert" not in page and "Ngon" in page
