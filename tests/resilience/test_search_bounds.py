"""Search and listing parameters are bounded: an over-long query is cut (the inputs stop
typing there), and huge or malformed numbers never break a page."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from oscar.core.loading import get_model

from shop.search.forms import MAX_QUERY_LENGTH
from tests.factories import certified_product

pytestmark = pytest.mark.django_db

UserSearch = get_model("analytics", "UserSearch")
SEARCH = reverse("search:search")
CATALOGUE = reverse("catalogue:index")


def test_the_longest_query_is_100_characters():
    assert MAX_QUERY_LENGTH == 100


@pytest.mark.parametrize("user", [False, True])
def test_a_2000_character_query_is_cut_and_answered(
    client, user, django_capture_on_commit_callbacks
):
    certified_product(stars=4, title="Mạch nha Thi Phổ")
    if user:
        client.force_login(
            get_user_model().objects.create_user("lan", "lan@example.vn", "mat-khau-dai-123")
        )
    query = "mạch nha " + "x" * 1991
    # The search is recorded after the request's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    assert response.context["query"] == query[:MAX_QUERY_LENGTH].strip()
    page = response.content.decode()
    (box,) = re.findall(r'<input[^>]*id="id_q"[^>]*>', page)
    assert f'value="{query[:MAX_QUERY_LENGTH]}"' in box
    if user:
        assert UserSearch.objects.get().query == query[:MAX_QUERY_LENGTH]


def test_a_query_within_the_limit_still_finds(client):
    certified_product(stars=4, title="Mạch nha Thi Phổ")
    response = client.get(SEARCH, {"q": "mach nha"})
    assert [p.title for p in response.context["products"]] == ["Mạch nha Thi Phổ"]


@pytest.mark.parametrize("path", ["home", "catalogue:index", "search:search"])
def test_every_search_input_has_maxlength(client, path):
    certified_product(stars=4, title="Mạch nha Thi Phổ")
    page = client.get(reverse(path), {"q": "mạch"} if path == "search:search" else {})
    html = page.content.decode()
    inputs = [
        tag
        for tag in re.findall(r"<input[^>]*>", html)
        if re.search(r'name="q"', tag) and 'type="hidden"' not in tag
    ]
    assert inputs
    for tag in inputs:
        assert f'maxlength="{MAX_QUERY_LENGTH}"' in tag, tag


@pytest.mark.parametrize(
    "params",
    [
        {"page": "9" * 30},
        {"page": "9" * 5000},
        {"page": "-1"},
        {"page": "1e9"},
        {"price_min": "9" * 40},
        {"price_max": "9" * 5000},
        {"price_min": "-5", "price_max": "1.5"},
        {"stars": ["9" * 30, "4"]},
        {"group": "x" * 3000},
        {"district": "9" * 3000},
        {"sort_by": "y" * 3000},
        {"in_stock": "z" * 3000},
    ],
)
@pytest.mark.parametrize("url", [CATALOGUE, SEARCH, reverse("producers:list")])
def test_huge_or_malformed_numbers_never_break_a_listing(client, url, params):
    certified_product(stars=4, title="Mạch nha Thi Phổ")
    response = client.get(url, {"q": "mạch", **params}, follow=True)
    assert response.status_code == 200
