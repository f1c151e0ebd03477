"""Vietnamese search: tone marks and đ/d optional, AND of terms, exact accented phrase first."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.search.queries import relevance_rank
from tests.catalogue.test_browse import card_titles
from tests.factories import ProducerFactory, ProductFactory, certified_product

pytestmark = pytest.mark.django_db

SEARCH = reverse("search:search")
Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")


@pytest.fixture
def specialties():
    producer = ProducerFactory(partner__name="HTX Nông nghiệp Lý Sơn")
    return {
        "garlic": certified_product(stars=4, producer=producer, title="Tỏi Lý Sơn"),
        "rock_sugar": certified_product(stars=3, title="Đường phèn Quảng Ngãi"),
        "malt": certified_product(stars=3, title="Mạch nha Thi Phổ"),
        "fish_sauce": certified_product(stars=3, title="Nước mắm Sa Huỳnh"),
    }


@pytest.mark.parametrize(
    "query, expected",
    [
        ("toi ly son", ["Tỏi Lý Sơn"]),
        ("TOI LY SON", ["Tỏi Lý Sơn"]),
        ("Tỏi Lý Sơn", ["Tỏi Lý Sơn"]),
        ("duong phen", ["Đường phèn Quảng Ngãi"]),
        ("đường phèn", ["Đường phèn Quảng Ngãi"]),
        ("mach nha", ["Mạch nha Thi Phổ"]),
        ("nuoc mam sa huynh", ["Nước mắm Sa Huỳnh"]),
        ("sa huỳnh nước", ["Nước mắm Sa Huỳnh"]),  # any order
        ("toi quang ngai", []),  # every term must match
        ("xyz", []),
    ],
)
def test_search_folds_vietnamese(client, specialties, query, expected):
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    assert card_titles(response) == expected
    assert response.context["query"] == " ".join(query.split())


def test_search_matches_word_starts_not_inner_substrings(client, specialties):
    # "ha" starts no word of "Mạch nha Thi Phổ" ("nha" merely contains it).
    assert card_titles(client.get(SEARCH, {"q": "ha thi"})) == []
    assert card_titles(client.get(SEARCH, {"q": "nh thi"})) == ["Mạch nha Thi Phổ"]


def test_search_finds_by_producer_name(client, specialties):
    assert card_titles(client.get(SEARCH, {"q": "htx nong nghiep"})) == ["Tỏi Lý Sơn"]


def test_search_hides_non_public_products(client, specialties):
    ProductFactory(title="Tỏi Lý Sơn loại đặc biệt (nháp)", is_public=False)
    assert card_titles(client.get(SEARCH, {"q": "toi ly son"})) == ["Tỏi Lý Sơn"]


def test_empty_query_asks_for_a_query(client, specialties):
    response = client.get(SEARCH, {"q": "  "})
    assert response.status_code == 200
    assert card_titles(response) == []
    assert "alert-info" in response.content.decode()


def test_overlong_or_odd_queries_do_not_crash(client, specialties):
    for query in ["%", "_", "'; DROP TABLE x; --", "a" * 500, "🍯 mật ong"]:
        response = client.get(SEARCH, {"q": query})
        assert response.status_code == 200
    # A NUL byte is refused with the short 400 page, as on every URL.
    assert client.get(SEARCH, {"q": "\x00"}).status_code == 400


def test_search_filters_and_sorting_combine(client, specialties):
    response = client.get(SEARCH, {"q": "son", "stars": "4"})
    assert card_titles(response) == ["Tỏi Lý Sơn"]
    response = client.get(SEARCH, {"q": "son", "stars": "3"})
    assert card_titles(response) == []
    response = client.get(SEARCH, {"q": "ngai", "price_min": "x"})
    assert response.status_code == 200
    assert "ocop-filter-errors" in response.content.decode()
    assert card_titles(response) == ["Đường phèn Quảng Ngãi"]


def test_search_pagination_keeps_query_and_filters(client, settings):
    settings.OSCAR_PRODUCTS_PER_PAGE = 2
    for n in range(5):
        certified_product(stars=3, title=f"Mật ong rừng {n}")
    response = client.get(SEARCH, {"q": "mat ong", "stars": "3"})
    assert response.context["paginator"].count == 5
    assert "q=mat+ong&amp;stars=3&amp;page=2" in response.content.decode()
    response = client.get(SEARCH, {"q": "mat ong", "stars": "3", "page": "3"})
    assert len(card_titles(response)) == 1
    response = client.get(SEARCH, {"q": "mat ong", "page": "9"})
    assert response.status_code == 302
    assert response["Location"] == f"{SEARCH}?q=mat+ong"


# --- Ranking -----------------------------------------------------------------------------


def test_exact_accented_phrase_ranks_first(client):
    # "quế" (cinnamon) and "quê" (countryside) fold to the same "que": a shopper who typed
    # the accents wants the cinnamon, even though the rice has more stars.
    certified_product(stars=5, title="Gạo quê Trà Bồng")
    certified_product(stars=3, title="Tinh dầu quế Trà Bồng")
    titles = card_titles(client.get(SEARCH, {"q": "quế Trà Bồng"}))
    assert titles == ["Tinh dầu quế Trà Bồng", "Gạo quê Trà Bồng"]
    titles = card_titles(client.get(SEARCH, {"q": "quê trà bồng"}))
    assert titles == ["Gạo quê Trà Bồng", "Tinh dầu quế Trà Bồng"]
    # Without accents both match equally; more stars first.
    titles = card_titles(client.get(SEARCH, {"q": "que tra bong"}))
    assert titles == ["Gạo quê Trà Bồng", "Tinh dầu quế Trà Bồng"]


def test_ranking_phrase_then_terms_in_title_then_elsewhere(client):
    certified_product(
        stars=5,
        title="Hành tím",
        description="Trồng xen với tỏi trên đảo Lý Sơn.",
    )
    certified_product(stars=4, title="Tỏi cô đơn đảo Lý Sơn")
    certified_product(stars=3, title="Tỏi Lý Sơn bóc vỏ")
    titles = card_titles(client.get(SEARCH, {"q": "toi ly son"}))
    assert titles == ["Tỏi Lý Sơn bóc vỏ", "Tỏi cô đơn đảo Lý Sơn", "Hành tím"]


def test_relevance_rank_levels():
    assert relevance_rank("Mạch nha", "Mạch nha Thi Phổ") == 0
    assert relevance_rank("mạch  NHA", "Mạch nha Thi Phổ") == 0
    assert relevance_rank("mach nha", "Mạch nha Thi Phổ") == 1
    assert relevance_rank("nha mach", "Mạch nha Thi Phổ") == 2
    assert relevance_rank("mach nha", "Kẹo gương") == 3


def test_other_sort_orders_override_relevance(client):
    certified_product(stars=5, title="Gạo quê Trà Bồng")
    certified_product(stars=3, title="Tinh dầu quế Trà Bồng")
    titles = card_titles(client.get(SEARCH, {"q": "quế Trà Bồng", "sort_by": "stars"}))
    assert titles[0] == "Gạo quê Trà Bồng"


# --- Header search form and dashboard edits ---------------------------------------------


def test_header_search_form_is_in_context(client, specialties):
    response = client.get(SEARCH, {"q": "tỏi"})
    assert response.context["search_form"]["q"].value() == "tỏi"
    assert f'action="{SEARCH}"' in response.content.decode()


class _FormFields(HTMLParser):
    """The fields a browser would submit from the form with ``id``."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.data = form_id, False, []
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("submit", "button", "file", "image"):
                return
            self.data.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and a.get("name"):
            self._select = [a["name"], None, None]
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select[2] is None:
                self._select[2] = value
            if "selected" in a:
                self._select[1] = value
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self._select is not None:
            name, selected, first = self._select
            self.data.append((name, selected if selected is not None else first or ""))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.data.append((self._textarea[0], self._textarea[1].lstrip("\n")))
            self._textarea = None


def _post_data(html, form_id):
    parser = _FormFields(form_id)
    parser.feed(html)
    data = {}
    for name, value in parser.data:
        data.setdefault(name, []).append(value)
    return data


def test_product_renamed_in_dashboard_is_found_at_once(client, admin_client):
    product = certified_product(stars=3, title="Mật ong rừng")
    category = Category.add_root(name="Mật ong", slug="mat-ong", is_public=True)
    ProductCategory.objects.create(product=product, category=category)
    url = reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
    page = admin_client.get(url)
    assert page.status_code == 200
    data = _post_data(page.content.decode(), "create_update_product_form")
    assert data["title"] == ["Mật ong rừng"]
    data["title"] = ["Mật ong hoa cà phê Sơn Hà"]
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["category_formset"].non_form_errors()
    assert card_titles(client.get(SEARCH, {"q": "mat ong hoa ca phe son ha"})) == [
        "Mật ong hoa cà phê Sơn Hà"
    ]
    assert card_titles(client.get(SEARCH, {"q": "mat ong rung"})) == []
