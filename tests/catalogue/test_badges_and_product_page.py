"""Star badges on cards, search results and the product page; the certificate and the
producer link on the product page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from tests.factories import (
    CertificateFactory,
    CommuneFactory,
    DistrictFactory,
    ProducerFactory,
    ProductFactory,
    ProductGroupFactory,
    StockRecordFactory,
    certified_product,
)

pytestmark = pytest.mark.django_db

CATALOGUE = reverse("catalogue:index")
SEARCH = reverse("search:search")


def badge_stars(html):
    """The star counts of the badges on a page, e.g. ['4']."""
    import re

    return re.findall(r'class="ocop-badge ocop-badge--(\d)', html)


def pages(client, product):
    return {
        "catalogue": client.get(CATALOGUE).content.decode(),
        "search": client.get(SEARCH, {"q": "toi ly son"}).content.decode(),
        "product": client.get(product.get_absolute_url()).content.decode(),
    }


@pytest.fixture
def garlic():
    district = DistrictFactory(name="Huyện Lý Sơn")
    producer = ProducerFactory(
        partner__name="HTX Tỏi Lý Sơn",
        legal_type="cooperative",
        commune=CommuneFactory(name="Xã An Vĩnh", parent=district),
    )
    return certified_product(stars=4, producer=producer, title="Tỏi Lý Sơn")


def test_badge_on_card_search_result_and_product_page(client, garlic):
    with translation.override("vi"):
        label = gettext("OCOP %(stars)s stars") % {"stars": 4}  # "OCOP 4 sao"
    for name, html in pages(client, garlic).items():
        assert badge_stars(html) == ["4"], name
        assert f'aria-label="{label}"' in html, name
        assert "★★★★" in html, name


def test_badge_label_in_english(client, garlic):
    html = client.get("/en" + garlic.get_absolute_url()).content.decode()
    assert 'aria-label="OCOP 4 stars"' in html


@pytest.mark.parametrize(
    "change",
    [
        {"expires_on": timezone.localdate() - datetime.timedelta(days=1)},
        {"revoked": True, "revocation_reason": "Vi phạm an toàn thực phẩm"},
        {"verified": False},
    ],
    ids=["expired", "revoked", "unverified"],
)
def test_badge_removed_at_once(client, garlic, change):
    assert all(badge_stars(html) == ["4"] for html in pages(client, garlic).values())
    certificate = garlic.ocop
    for field, value in change.items():
        setattr(certificate, field, value)
    certificate.save()
    for name, html in pages(client, garlic).items():
        assert badge_stars(html) == [], name
        assert "Tỏi Lý Sơn" in html, name


def test_expired_certificate_shows_its_status_on_product_page(client, garlic):
    certificate = garlic.ocop
    certificate.expires_on = timezone.localdate() - datetime.timedelta(days=1)
    certificate.save()
    html = client.get(garlic.get_absolute_url()).content.decode()
    assert 'data-status="expired"' in html
    assert "ocop-certificate__notice" in html
    assert badge_stars(html) == []


def test_revoked_certificate_shows_its_status(client, garlic):
    certificate = garlic.ocop
    certificate.revoked = True
    certificate.save()
    html = client.get(garlic.get_absolute_url()).content.decode()
    assert 'data-status="revoked"' in html
    assert badge_stars(html) == []


def test_below_three_stars_has_no_badge(client):
    product = ProductFactory(title="Tỏi Lý Sơn loại hai")
    StockRecordFactory(product=product)
    CertificateFactory(product=product, stars=2, score=45)
    for name, html in pages(client, product).items():
        assert badge_stars(html) == [], name
    html = client.get(product.get_absolute_url()).content.decode()
    assert "ocop-certificate" in html  # the certificate itself is still shown


def test_product_without_certificate_has_no_certificate_section(client):
    product = ProductFactory(title="Tỏi Lý Sơn chưa chứng nhận")
    StockRecordFactory(product=product)
    html = client.get(product.get_absolute_url()).content.decode()
    assert 'id="ocop-certificate"' not in html
    assert badge_stars(html) == []


def test_product_page_shows_certificate_details(client, garlic):
    subgroup = ProductGroupFactory(
        code="1.4", name="Gia vị", parent=ProductGroupFactory(code="1", name="Thực phẩm")
    )
    certificate = garlic.ocop
    certificate.group = subgroup.parent
    certificate.subgroup = subgroup
    certificate.decision_number = "1234/QĐ-UBND"
    certificate.decision_date = datetime.date(2024, 5, 20)
    certificate.expires_on = None
    certificate.score = 78
    certificate.issuer = "UBND tỉnh Quảng Ngãi"
    certificate.save()
    html = client.get(garlic.get_absolute_url()).content.decode()
    section = html[html.index('id="ocop-certificate"') :]
    for text in [
        "1234/QĐ-UBND",
        "20/05/2024",
        "20/05/2027",  # valid until: 36 months later
        "78/100",
        "Thực phẩm",
        "Gia vị",
        "UBND tỉnh Quảng Ngãi",
        str(certificate.get_level_display()),
        "★★★★",
    ]:
        assert text in section, text


def test_product_page_links_to_its_producer(client, garlic):
    producer = garlic.stockrecords.get().partner.producer
    html = client.get(garlic.get_absolute_url()).content.decode()
    link = f'href="{producer.get_absolute_url()}"'
    assert link in html
    box = html[html.index("ocop-producer-link") :]
    assert "HTX Tỏi Lý Sơn" in box
    assert "Huyện Lý Sơn" in box and "Xã An Vĩnh" in box


def test_cards_link_to_producer(client, garlic):
    producer = garlic.stockrecords.get().partner.producer
    html = client.get(CATALOGUE).content.decode()
    card = html[html.index("ocop-card__producer") :]
    assert f'href="{producer.get_absolute_url()}"' in card[:400]
    assert "Lý Sơn" in card[:400]


def test_cards_show_vnd_price(client):
    from decimal import Decimal

    certified_product(price=Decimal("125000"), title="Đường phèn")
    html = client.get(CATALOGUE).content.decode()
    assert "125.000\xa0₫" in html or "125.000 ₫" in html


def test_badge_tag_renders_nothing_without_certificate():
    from django.template import Context, Template

    product = ProductFactory()
    html = Template("{% load ocop_tags %}[{% ocop_badge product %}]").render(
        Context({"product": product})
    )
    assert html.strip() == "[]"


def test_star_glyphs_filter():
    from catalogue_ext.templatetags.ocop_tags import star_glyphs

    assert star_glyphs(3) == "★★★"
    assert star_glyphs("5") == "★★★★★"
    assert star_glyphs(None) == ""
    assert star_glyphs(9) == "★★★★★"
