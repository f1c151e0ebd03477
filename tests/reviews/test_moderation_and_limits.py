"""Reviews wait for staff moderation (Oscar's reviews dashboard) before they are shown and
counted; one review per buyer and product; writing and voting are rate-limited; titles and
texts are bounded and escaped."""

import pytest
from django.contrib.auth.models import Permission
from django.db import IntegrityError
from django.urls import reverse
from oscar.core.loading import get_model

from tests.reviews.helpers import make_user, order_of, product, review_data
from tests.reviews.test_who_may_review import add_url

pytestmark = pytest.mark.django_db

ProductReview = get_model("reviews", "ProductReview")
Vote = get_model("reviews", "Vote")


def buyer_of(item, name="nguoimua"):
    user = make_user(name)
    order_of(user, item)
    return user


def staff_user():
    staff = make_user("kiemduyet", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(content_type__app_label="reviews"))
    return staff


def test_staff_approve_a_review_in_the_dashboard_then_it_shows_and_counts(client):
    item = product()
    client.force_login(buyer_of(item))
    client.post(add_url(item), review_data(score="4"))
    review = ProductReview.objects.get()
    client.force_login(staff_user())
    listing = client.get(reverse("dashboard:reviews-list"), {"status": "0"})
    assert "Tỏi thơm, củ chắc" in listing.content.decode()
    response = client.post(
        reverse("dashboard:reviews-list"),
        {"action": "update_selected_review_status", "status": "1", "selected_review": [review.pk]},
    )
    assert response.status_code == 302
    review.refresh_from_db()
    item.refresh_from_db()
    assert review.status == ProductReview.APPROVED
    assert item.rating == 4
    client.logout()
    assert "Tỏi thơm, củ chắc" in client.get(item.get_absolute_url()).content.decode()


def test_a_second_review_gets_a_clear_message_not_an_error(client):
    item = product()
    client.force_login(buyer_of(item))
    assert client.post(add_url(item), review_data()).status_code == 302
    again = client.post(add_url(item), review_data(title="Lần hai"))
    assert again.status_code == 409
    assert 'data-testid="review-refusal"' in again.content.decode()
    assert ProductReview.objects.count() == 1


def test_two_reviews_sent_at_once_keep_one_and_answer_409(client, monkeypatch):
    from shop.reviews import rules

    item = product()
    buyer = buyer_of(item)
    client.force_login(buyer)
    client.post(add_url(item), review_data())
    # The second request passed the check before the first was saved.
    monkeypatch.setattr(rules, "has_reviewed", lambda user, product: False)
    response = client.post(add_url(item), review_data(title="Cùng lúc"))
    assert response.status_code == 409
    assert ProductReview.objects.count() == 1


def test_reviews_are_rate_limited_per_user(client, settings):
    settings.REVIEWS_RATE_LIMIT = "2/h"
    items = [product(title=f"Sản phẩm {n}") for n in range(3)]
    user = make_user("vietnhieu")
    for item in items:
        order_of(user, item)
    client.force_login(user)
    assert client.post(add_url(items[0]), review_data()).status_code == 302
    assert client.post(add_url(items[1]), review_data()).status_code == 302
    limited = client.post(add_url(items[2]), review_data())
    assert limited.status_code == 429
    assert 'data-testid="review-refusal"' in limited.content.decode()
    assert ProductReview.objects.count() == 2


def test_reviews_are_rate_limited_per_ip_address(client, settings):
    settings.REVIEWS_RATE_LIMIT = "1/h"
    first, second = product(title="Một"), product(title="Hai")
    client.force_login(buyer_of(first, "nguoi1"))
    assert client.post(add_url(first), review_data(), REMOTE_ADDR="10.1.2.3").status_code == 302
    client.force_login(buyer_of(second, "nguoi2"))
    limited = client.post(add_url(second), review_data(), REMOTE_ADDR="10.1.2.3")
    assert limited.status_code == 429
    assert ProductReview.objects.count() == 1


@pytest.mark.parametrize(
    "fields",
    [{"title": "x" * 121}, {"body": "y" * 3001}, {"title": "   "}, {"score": "0"}, {"score": "9"}],
)
def test_titles_and_texts_are_bounded(client, fields):
    item = product()
    client.force_login(buyer_of(item))
    response = client.post(add_url(item), review_data(**fields))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not ProductReview.objects.exists()


def test_review_text_is_always_escaped(client):
    item = product()
    buyer = buyer_of(item)
    client.force_login(buyer)
    client.post(
        add_url(item),
        review_data(title="<script>alert(1)</script>", body="<img src=x onerror=alert(2)>\nok"),
    )
    ProductReview.objects.update(status=ProductReview.APPROVED)
    client.logout()
    html = client.get(item.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;<br>ok" in html


def approved_review(item):
    author = buyer_of(item, "tacgia")
    return ProductReview.objects.create(
        product=item,
        user=author,
        title="Ngon",
        body="Rất ngon",
        score=5,
        status=ProductReview.APPROVED,
    )


def vote_url(review):
    return reverse(
        "catalogue:reviews-vote",
        kwargs={
            "product_slug": review.product.slug,
            "product_pk": review.product.pk,
            "pk": review.pk,
        },
    )


def test_only_signed_in_users_vote_on_approved_reviews(client):
    item = product()
    review = approved_review(item)
    response = client.post(vote_url(review), {"delta": "1"})
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Vote.objects.exists()
    client.force_login(make_user("binhchon"))
    assert client.post(vote_url(review), {"delta": "1"}).status_code == 302
    assert Vote.objects.count() == 1
    pending = ProductReview.objects.create(
        product=item, user=make_user("khac"), title="Chờ", body="Chờ duyệt", score=1
    )
    assert pending.status == ProductReview.FOR_MODERATION
    assert client.post(vote_url(pending), {"delta": "-1"}).status_code == 404
    assert Vote.objects.count() == 1


def test_votes_are_rate_limited(client, settings):
    settings.REVIEW_VOTES_RATE_LIMIT = "2/h"
    item = product()
    review = approved_review(item)
    others = [
        ProductReview.objects.create(
            product=item,
            user=make_user(f"u{n}"),
            title="T",
            body="B",
            score=3,
            status=ProductReview.APPROVED,
        )
        for n in range(2)
    ]
    client.force_login(make_user("binhchonnhieu"))
    assert client.post(vote_url(review), {"delta": "1"}).status_code == 302
    assert client.post(vote_url(others[0]), {"delta": "1"}).status_code == 302
    assert client.post(vote_url(others[1]), {"delta": "1"}).status_code == 429
    assert Vote.objects.count() == 2


def test_the_database_keeps_one_review_per_buyer_and_product():
    item = product()
    buyer = buyer_of(item)
    ProductReview.objects.create(product=item, user=buyer, title="A", body="B", score=3)
    with pytest.raises(IntegrityError):
        ProductReview.objects.create(product=item, user=buyer, title="C", body="D", score=3)
