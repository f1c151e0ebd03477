"""Slugs transliterate Vietnamese (Đ/đ and every tone mark) wherever the shop makes one."""

import re
from types import SimpleNamespace

import pytest
from django.contrib.flatpages.models import FlatPage
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from oscar.core.loading import get_model
from oscar.core.utils import slugify

from shop.core.demo.loader import DemoLoader
from tests import factories
from tests.bundles.helpers import bundle, component
from tests.dashboard.test_certificates import form_data, in_category
from tests.workspace.helpers import make_user

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
Partner = get_model("partner", "Partner")

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
EXAMPLES = {
    "Mộ Đức": "mo-duc",
    "Đường phèn": "duong-phen",
    "Trà Bồng": "tra-bong",
    "ĐẶC SẢN đất Quảng": "dac-san-dat-quang",
    "Tỏi Lý Sơn – loại 1": "toi-ly-son-loai-1",
}

VOWELS = "aăâeêioôơuưy"
TONED = "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
LETTERS = "bcdđghklmnpqrstvx" + VOWELS + TONED
vietnamese_word = st.text(alphabet=LETTERS + LETTERS.upper(), min_size=1, max_size=12)
vietnamese_title = st.lists(vietnamese_word, min_size=1, max_size=8).map(" ".join)


@pytest.mark.parametrize("title, slug", EXAMPLES.items())
def test_oscar_slugify_transliterates(title, slug):
    assert slugify(title) == slug


@given(vietnamese_title)
def test_any_vietnamese_title_gets_an_ascii_slug(title):
    assert SLUG.match(slugify(title))


@given(st.text(max_size=40))
def test_any_text_gets_a_non_empty_ascii_slug(text):
    assert SLUG.match(slugify(text))


@pytest.mark.django_db
def test_models_make_transliterated_slugs():
    category = Category.add_root(name="Đường phèn Mộ Đức", is_public=True)
    assert category.slug == "duong-phen-mo-duc"
    product = Product.objects.create(
        title="Mạch nha Đức Phổ", product_class=factories.ProductClassFactory()
    )
    assert product.slug == "mach-nha-duc-pho"
    assert Partner.objects.create(name="HTX Trà Bồng").code == "htx-tra-bong"
    producer = factories.ProducerFactory(partner__name="Cơ sở Đường phèn Mộ Đức", slug="")
    assert producer.slug == "co-so-duong-phen-mo-duc"


@pytest.fixture
def staff(client):
    user = make_user(
        "quantri",
        staff=True,
        codenames=[
            "view_product",
            "add_product",
            "change_product",
            "view_category",
            "add_category",
            "change_category",
            "view_flatpage",
            "add_flatpage",
        ],
    )
    client.force_login(user)
    return user


@pytest.mark.django_db
def test_dashboard_category_product_and_page_slugs(client, staff):
    response = client.post(
        reverse("dashboard:catalogue-category-create"),
        {
            "name": "Mộ Đức",
            "is_public": "on",
            "treebeard_position": "first-child",
            "treebeard_ref_node": "",
        },
    )
    assert response.status_code == 302
    assert Category.objects.get(name="Mộ Đức").slug == "mo-duc"

    product_class = factories.ProductClassFactory()
    url = reverse(
        "dashboard:catalogue-product-create", kwargs={"product_class_slug": product_class.slug}
    )
    data = form_data(client.get(url))
    category = in_category(factories.ProductFactory()).categories.get()
    data.update(
        {
            "title": "Đường phèn Trà Bồng",
            "upc": "QN-DP-9",
            "action": "save",
            "productcategory_set-TOTAL_FORMS": 1,
            "productcategory_set-0-category": category.pk,
        }
    )
    assert client.post(url, data).status_code == 302
    assert Product.objects.get(upc="QN-DP-9").slug == "duong-phen-tra-bong"

    response = client.post(
        reverse("dashboard:page-create"), {"title": "Đặc sản Mộ Đức", "content": "", "url": ""}
    )
    assert response.status_code == 302
    assert FlatPage.objects.get(title="Đặc sản Mộ Đức").url == "/dac-san-mo-duc/"


@pytest.mark.django_db
def test_bundles_and_demo_categories_make_transliterated_slugs():
    gift = bundle([(component(), 1)], title="Hộp quà Đường phèn Mộ Đức")
    assert gift.slug == "hop-qua-duong-phen-mo-duc"

    group = SimpleNamespace(name="Đồ uống Trà Bồng", name_en="Drinks")
    assert DemoLoader().sync_category(None, group).slug == "do-uong-tra-bong"


@pytest.mark.django_db
def test_fix_slugs_replaces_only_slugs_made_by_the_old_slugifier():
    from io import StringIO

    from django.core.management import call_command

    old = Category.add_root(name="Mộ Đức", slug="mo-u0110uc", is_public=True)
    chosen = Category.add_root(name="Đường phèn", slug="duong-phen-ngon", is_public=True)
    product = factories.ProductFactory(title="Trà Đá", slug="tra-u0110a")
    call_command("fix_slugs", stdout=StringIO())
    old.refresh_from_db(), chosen.refresh_from_db(), product.refresh_from_db()
    assert (old.slug, chosen.slug, product.slug) == ("mo-duc", "duong-phen-ngon", "tra-da")
