"""Only signed-in buyers who received a product review it; everyone else is told why and a
direct post by them is refused (403) without writing anything."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.bundles import services as bundle_services
from tests.bundles.helpers import occasion
from tests.reviews.helpers import make_user, order_of, product, review_data

pytestmark = pytest.mark.django_db

ProductReview = get_model("reviews", "ProductReview")


def add_url(item):
    return reverse(
        "catalogue:reviews-add", kwargs={"product_slug": item.slug, "product_pk": item.pk}
    )


def test_anonymous_visitors_are_told_to_sign_in_and_cannot_post(client):
    item = product()
    page = client.get(item.get_absolute_url()).content.decode()
    assert 'data-testid="review-refusal"' in page and 'data-testid="write-review"' not in page
    assert "Đăng nhập" in page or "Sign in" in page
    response = client.post(
        add_url(item), review_data(name="Khách", email="khach@example.vn"), follow=False
    )
    assert response.status_code == 403
    assert not ProductReview.objects.exists()


@pytest.mark.parametrize("status", [None, "pending_payment", "paid", "shipped", "cancelled"])
def test_signed_in_users_who_did_not_receive_it_are_refused(client, status):
    item = product()
    user = make_user("chuanhan")
    if status:
        order_of(user, item, status=status)
    client.force_login(user)
    page = client.get(item.get_absolute_url()).content.decode()
    assert 'data-testid="review-refusal"' in page and 'data-testid="write-review"' not in page
    assert client.get(add_url(item)).status_code == 403
    response = client.post(add_url(item), review_data())
    assert response.status_code == 403
    assert 'data-testid="review-refusal"' in response.content.decode()
    assert not ProductReview.objects.exists()


def test_another_buyers_delivery_does_not_count(client):
    item = product()
    order_of(make_user("nguoimua"), item)
    client.force_login(make_user("nguoikhac"))
    assert client.post(add_url(item), review_data()).status_code == 403
    assert not ProductReview.objects.exists()


def test_a_buyer_who_received_it_reviews_it_and_the_review_waits_for_moderation(client):
    item = product()
    buyer = make_user("daNhan")
    order_of(buyer, item)
    client.force_login(buyer)
    page = client.get(item.get_absolute_url()).content.decode()
    assert 'data-testid="write-review"' in page
    response = client.post(add_url(item), review_data())
    assert response.status_code == 302
    review = ProductReview.objects.get()
    assert review.user == buyer and review.status == ProductReview.FOR_MODERATION
    item.refresh_from_db()
    assert item.rating is None
    # Not shown publicly while it waits.
    client.logout()
    html = client.get(item.get_absolute_url()).content.decode()
    assert "Tỏi thơm, củ chắc" not in html
    detail = reverse(
        "catalogue:reviews-detail",
        kwargs={"product_slug": item.slug, "product_pk": item.pk, "pk": review.pk},
    )
    assert client.get(detail).status_code == 404


def test_a_gift_bundle_received_lets_its_buyer_review_the_components_and_the_bundle(client):
    garlic, syrup = product(), product(title="Mạch nha Thi Phổ")
    gift = bundle_services.save_bundle(
        title="Hộp quà Tết", occasion=occasion(), components=[(garlic, 1), (syrup, 2)]
    ).product
    buyer = make_user("muaquatet")
    order_of(buyer, gift)
    client.force_login(buyer)
    for item in (garlic, syrup, gift):
        assert client.post(add_url(item), review_data()).status_code == 302
    assert ProductReview.objects.filter(user=buyer).count() == 3


def test_a_variant_received_lets_its_buyer_review_the_parent(client):
    from tests import factories

    parent = factories.ProductFactory(structure="parent", title="Nước mắm")
    child = factories.ProductFactory(structure="child", parent=parent, product_class=None)
    factories.StockRecordFactory(product=child, num_in_stock=5)
    buyer = make_user("muabienthe")
    order_of(buyer, child)
    client.force_login(buyer)
    assert client.post(add_url(parent), review_data()).status_code == 302
