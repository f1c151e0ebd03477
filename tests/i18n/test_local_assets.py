"""Pages load nothing from another host: every script, stylesheet, image and font is ours."""

import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import certified_product

from .pages import parse

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")

JQUERY = "/static/vendor/jquery/jquery.min.js"


@pytest.fixture
def pages(client):
    category = Category.add_root(name="Thực phẩm", slug="thuc-pham")
    product = certified_product(stars=4, title="Mạch nha Thi Phổ", price=Decimal("65000"))
    ProductCategory.objects.create(product=product, category=category)
    producer = product.stockrecords.get().partner.producer
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    urls = {
        "home": "/",
        "catalogue": "/catalogue/",
        "category": category.get_absolute_url(),
        "product": product.get_absolute_url(),
        "basket": reverse("basket:summary"),
        "search": "/search/?q=mach+nha",
        "producer": producer.get_absolute_url(),
        "producers": "/producers/",
        "programme": "/programme/",
        "login": reverse("customer:login"),
    }
    urls.update({f"en-{name}": "/en" + url for name, url in list(urls.items())})
    return urls


def is_external(url):
    parts = urlsplit(url)
    return bool(parts.scheme in ("http", "https") or parts.netloc or url.startswith("//"))


def test_no_page_requests_another_host(client, pages):
    offenders = []
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        collected = parse(response)
        assert collected.urls, name
        offenders += [(name, tag, attr, u) for tag, attr, u in collected.urls if is_external(u)]
        # Inline styles and scripts may not pull anything in either.
        html = response.content.decode()
        offenders += [
            (name, "inline", "url", u) for u in re.findall(r"url\(['\"]?(https?:)?//", html)
        ]
        assert "googleapis" not in html and "googletagmanager" not in html, name
    assert not offenders


def test_jquery_is_served_from_our_static_files(client, pages):
    for name in ("home", "product", "basket", "en-catalogue"):
        scripts = [u for tag, _a, u in parse(client.get(pages[name])).urls if tag == "script"]
        assert scripts[0] == JQUERY, (name, scripts)
    path = finders.find("vendor/jquery/jquery.min.js")
    source = open(path, encoding="utf-8").read()
    assert source.startswith("/*! jQuery v3.7.1")
    assert "sourceMappingURL" not in source  # the map is not shipped: no 404 in devtools
    assert finders.find("vendor/jquery/LICENSE.txt")


def test_every_static_asset_exists_and_its_css_stays_local(client, pages):
    seen = set()
    for url in pages.values():
        for _tag, _attr, asset in parse(client.get(url)).urls:
            if asset.startswith("/static/"):
                seen.add(asset.removeprefix("/static/").split("?")[0])
    assert {"vendor/jquery/jquery.min.js", "css/ocop.css", "css/site.css"} <= seen
    assert "oscar/css/styles.css" in seen
    for asset in sorted(seen):
        path = finders.find(asset)
        assert path, f"/static/{asset} is not a static file"
        if asset.endswith(".css"):
            css = open(path, encoding="utf-8").read()
            # No @import of another host, no url() to another host (data: URIs are fine).
            assert not re.search(r"@import\s+(url\()?['\"]?(https?:)?//", css), asset
            external = [
                u
                for u in re.findall(r"url\(\s*['\"]?([^'\")]+)", css)
                if not u.startswith("data:") and is_external(u)
            ]
            assert not external, (asset, external)


def test_dashboard_pages_stay_local_too(client, django_user_model):
    staff = django_user_model.objects.create_superuser(
        username="staff", email="staff@example.com", password="x"
    )
    client.force_login(staff)
    for url in ("/dashboard/", "/dashboard/catalogue/", "/en/dashboard/"):
        response = client.get(url)
        assert response.status_code == 200, url
        collected = parse(response)
        assert [u for t, _a, u in collected.urls if t == "script"][0] == JQUERY
        assert not [u for _t, _a, u in collected.urls if is_external(u)], url
