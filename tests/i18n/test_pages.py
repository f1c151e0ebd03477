"""Home and catalogue pages in Vietnamese (default, at /) and English (under /en/), and the
language switcher in the header."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from oscar.core.loading import get_model

from tests.factories import certified_product

from .pages import parse

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")


@pytest.fixture
def shop():
    Category.add_root(name="Thực phẩm", slug="thuc-pham")
    return {
        "malt": certified_product(stars=4, title="Mạch nha Thi Phổ"),
        "garlic": certified_product(stars=3, title="Tỏi Lý Sơn"),
    }


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_home_is_vietnamese_by_default(client, shop):
    html = html_of(client, "/")
    assert '<html lang="vi"' in html
    for text in (
        "Chợ OCOP Quảng Ngãi",
        "Đặc sản OCOP Quảng Ngãi",  # hero
        "Giỏ hàng",
        "Chủ thể OCOP",
        "Số liệu chương trình",
        "Danh mục sản phẩm",
        "Sản phẩm 4 sao nổi bật",
        "Sản phẩm mới được công nhận",
        "Xem theo nhóm sản phẩm",
        "OCOP là gì?",  # footer
        "Mỗi xã một sản phẩm",
        "Đăng nhập hoặc đăng ký",
    ):
        assert text in html, text
    # The hero's subtitle is in the other language.
    assert (
        'lang="en">Certified OCOP specialties of Quảng Ngãi, straight from their producers' in html
    )
    assert "Featured 4-star products" not in html


def test_home_in_english_under_en(client, shop):
    html = html_of(client, "/en/")
    assert '<html lang="en"' in html
    for text in (
        "Certified OCOP specialties of Quảng Ngãi",
        "Basket",
        "Producers",
        "Programme figures",
        "Featured 4-star products",
        "Newly certified products",
        "What is OCOP?",
        "One Commune One Product",
        "Login or register",
    ):
        assert text in html, text
    assert "Giỏ hàng" not in html
    # Links stay in English.
    assert 'href="/en/producers/"' in html
    assert 'href="/en/programme/"' in html
    assert 'href="/en/catalogue/"' in html
    assert 'class="site-brand__name h1" href="/en/"' in html


def test_home_features_four_star_products_and_lists_newest_certified(client, shop):
    expired = certified_product(stars=4, title="Nước mắm hết hạn")
    certificate = expired.ocop_certificate
    certificate.decision_date = timezone.localdate() - datetime.timedelta(days=2000)
    certificate.expires_on = timezone.localdate() - datetime.timedelta(days=1)
    certificate.save()
    response = client.get("/")
    featured = [p.title for p in response.context["featured_products"]]
    newest = [p.title for p in response.context["newest_products"]]
    assert featured == ["Mạch nha Thi Phổ"]
    assert set(newest) == {"Mạch nha Thi Phổ", "Tỏi Lý Sơn"}
    html = response.content.decode()
    featured_html = html.split('id="home-featured"')[1].split('id="home-newest"')[0]
    assert "Mạch nha Thi Phổ" in featured_html and "ocop-badge--4" in featured_html
    assert "Tỏi Lý Sơn" not in featured_html
    assert "Nước mắm hết hạn" not in html
    assert 'href="/catalogue/category/thuc-pham_' in html


def test_home_query_count_does_not_grow_with_products(client):
    certified_product(stars=4)
    certified_product(stars=3)
    client.get("/")  # warm caches (site, categories)
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for stars in [4] * 8 + [3] * 8:
        certified_product(stars=stars)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/")
    assert len(response.context["featured_products"]) == 8
    assert len(many) == len(few)


def test_catalogue_in_vietnamese_and_english(client, shop):
    vi = html_of(client, "/catalogue/")
    assert '<html lang="vi"' in vi and "Giỏ hàng" in vi and "Tất cả sản phẩm" in vi
    en = html_of(client, "/en/catalogue/")
    assert '<html lang="en"' in en and "Basket" in en and "All products" in en
    assert "Giỏ hàng" not in en


def switcher(response):
    (form,) = [f for f in parse(response).forms if f["id"] == "language_selector"]
    return form


def test_language_switcher_is_visible_and_posts_to_set_language(client, shop):
    response = client.get("/catalogue/?q=toi")
    form = switcher(response)
    assert form["action"] == "/i18n/setlang/"
    assert form["method"] == "post"
    inputs = form["inputs"]
    assert ("next", "/catalogue/?q=toi", "hidden") in inputs
    assert ("language", "vi", "submit") in inputs and ("language", "en", "submit") in inputs
    html = response.content.decode()
    assert ">Tiếng Việt</button>" in html and ">English</button>" in html


def test_language_switcher_switches_both_ways(client, shop):
    form = switcher(client.get("/catalogue/?q=toi"))
    next_url = dict((n, v) for n, v, _t in form["inputs"] if n == "next")["next"]
    response = client.post("/i18n/setlang/", {"language": "en", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/en/catalogue/?q=toi"
    english = client.get(response["Location"])
    assert "View basket" in english.content.decode()

    # From the English page back to Vietnamese, using what the English page's form sends.
    form = switcher(english)
    next_url = dict((n, v) for n, v, _t in form["inputs"] if n == "next")["next"]
    response = client.post("/i18n/setlang/", {"language": "vi", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/catalogue/?q=toi"
    assert "Giỏ hàng" in client.get(response["Location"]).content.decode()


def test_language_switch_on_the_home_page(client, shop):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response["Location"] == "/en/"
    form = switcher(client.get("/en/"))
    assert ("next", "/", "hidden") in form["inputs"]
    response = client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert response["Location"] == "/"


def test_product_page_in_both_languages(client, shop):
    url = shop["malt"].get_absolute_url()
    assert "Thêm vào giỏ hàng" in html_of(client, url)
    assert "Add to basket" in html_of(client, "/en" + url)


def test_english_is_british_like_the_project_strings(client, shop):
    """Python's gettext would load Oscar's en_US catalogue for "en" (Basket -> Cart); the
    project's identity English catalogue keeps one spelling throughout."""
    html = html_of(client, "/en/")
    assert "Basket total:" in html and "View basket" in html and ">Catalogue" in html
    assert "Cart" not in html and "Catalog<" not in html and "Catalog " not in html
