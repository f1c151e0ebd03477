"""A producer's own products: images checked and re-encoded, whole-dong prices, sanitised
descriptions and stories, certificates unverified until staff verify them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.core.loading import get_model
from PIL import Image

from shop.workspace.images import MAX_IMAGE_BYTES
from shop.workspace.richtext import clean_html, render_rich_text
from tests.dashboard.test_certificates import certificate_fields, form_data, product_url

pytestmark = pytest.mark.django_db

ProductImage = get_model("catalogue", "ProductImage")
Certificate = get_model("catalogue", "Certificate")

XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<p onclick="alert(1)">x</p>',
    "<iframe src=//evil></iframe>",
    "<svg onload=alert(1)>",
    "<style>body{display:none}</style>",
]


def jpeg_with_exif():
    image = Image.new("RGB", (40, 30), "green")
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x0112] = 6  # orientation: rotate
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


@pytest.mark.parametrize("payload", XSS)
def test_clean_html_keeps_no_script_or_handler(payload):
    cleaned = clean_html(f"<p>Tỏi <em>Lý Sơn</em></p>{payload}")
    rendered = str(render_rich_text(f"<p>x</p>{payload}"))
    for text in (cleaned, rendered):
        lowered = text.lower()
        assert "<script" not in lowered and "onerror" not in lowered and "onload" not in lowered
        assert (
            "javascript:" not in lowered and "onclick" not in lowered and "<iframe" not in lowered
        )
        assert "<style" not in lowered
    assert "<em>Lý Sơn</em>" in cleaned


def test_plain_text_is_kept_and_escaped_when_shown():
    assert clean_html("Mạch nha & đường phèn") == "Mạch nha & đường phèn"
    assert str(render_rich_text("A & B\n\nC")) == "<p>A &amp; B</p>\n\n<p>C</p>"


def test_plain_text_shows_as_paragraphs_in_a_template():
    """The filter's output is not escaped a second time: no ``&lt;p&gt;`` on the page."""
    from django.template import Context, Template

    html = Template("{% load rich_text %}{{ text|rich_text }}").render(
        Context({"text": "Quà Tết <3 & trà\n\nGift"})
    )
    assert html == "<p>Quà Tết &lt;3 &amp; trà</p>\n\n<p>Gift</p>"


def test_producer_adds_an_image_reencoded_without_metadata(client, producer_a):
    product = producer_a.products[0]
    client.force_login(producer_a.user)
    data = form_data(client.get(product_url(product)))
    data.update(
        {
            "images-TOTAL_FORMS": 1,
            "images-0-original": SimpleUploadedFile(
                "anh.jpg", jpeg_with_exif(), content_type="image/jpeg"
            ),
            "images-0-caption": "Tỏi",
            "images-0-display_order": 0,
        }
    )
    response = client.post(product_url(product), data)
    assert response.status_code == 302, (
        response.context and response.context["image_formset"].errors
    )
    stored = ProductImage.objects.get(product=product)
    with stored.original.open("rb") as fh:
        image = Image.open(fh)
        assert image.format == "JPEG"
        assert image.size == (30, 40)  # turned upright by its EXIF orientation
        assert not image.getexif()
        fh.seek(0)
        assert b"SecretCam" not in fh.read()


@pytest.mark.parametrize(
    "name, content",
    [
        ("script.jpg", b"<script>alert(1)</script>"),
        ("anim.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
        ("huge.png", b"\x89PNG" + b"0" * (MAX_IMAGE_BYTES + 1)),
    ],
)
def test_bad_images_are_refused(client, producer_a, name, content):
    product = producer_a.products[0]
    client.force_login(producer_a.user)
    data = form_data(client.get(product_url(product)))
    data.update(
        {
            "images-TOTAL_FORMS": 1,
            "images-0-original": SimpleUploadedFile(name, content),
            "images-0-display_order": 0,
        }
    )
    response = client.post(product_url(product), data)
    assert response.status_code == 200
    assert response.context["image_formset"].errors[0]["original"]
    assert not ProductImage.objects.filter(product=product).exists()


def test_description_is_sanitised_and_price_must_be_whole_dong(client, producer_a):
    product = producer_a.products[0]
    client.force_login(producer_a.user)
    page = client.get(product_url(product))
    data = form_data(page)
    data["description"] = (
        "<p>Thơm <b>cay</b></p><script>alert(1)</script><img src=x onerror=alert(1)>"
    )
    bad_price = {**data, "stockrecords-0-price": "100000.50"}
    assert client.post(product_url(product), bad_price).status_code == 200
    product.refresh_from_db()
    assert "<script" not in product.description
    assert client.post(product_url(product), data).status_code == 302
    product.refresh_from_db()
    assert product.description == "<p>Thơm <b>cay</b></p>"
    public = client.get(product.get_absolute_url()).content.decode()
    assert "alert(1)" not in public


def test_producer_certificate_shows_no_badge_until_staff_verify(client, producer_a):
    product = producer_a.products[0]
    client.force_login(producer_a.user)
    page = client.get(product_url(product))
    assert page.context["certificate_form"] is not None
    assert "verified" not in page.context["certificate_form"].form.fields
    data = form_data(page)
    data.update(certificate_fields(**{"ocop-stars": "4", "ocop-verified": "on"}))
    response = client.post(product_url(product), data)
    assert response.status_code == 302
    certificate = Certificate.objects.get(product=product)
    assert certificate.stars == 4 and certificate.verified is False
    product.refresh_from_db()
    assert product.ocop_badge_stars == 0
    # Staff verify it: the badge shows. A later change by the producer needs verifying again.
    certificate.verified = True
    certificate.save()
    product = type(product).objects.get(pk=product.pk)
    assert product.ocop_badge_stars == 4
    data = form_data(client.get(product_url(product)))
    data["ocop-stars"] = "5"
    assert client.post(product_url(product), data).status_code == 302
    certificate.refresh_from_db()
    assert certificate.stars == 5 and certificate.verified is False


def test_producer_story_is_sanitised_on_save(producer_a):
    producer = producer_a.producer
    producer.story = "<p>Câu chuyện</p><script>alert(1)</script>"
    producer.story_en = '<a href="javascript:alert(1)" onclick="x()">link</a>'
    producer.save()
    producer.refresh_from_db()
    assert producer.story == "<p>Câu chuyện</p>"
    assert "javascript" not in producer.story_en and "onclick" not in producer.story_en


def test_profile_photos_are_checked_and_reencoded(client, producer_a):
    from django.urls import reverse

    from tests.dashboard.test_producer_profiles import profile_data

    producer = producer_a.producer
    client.force_login(producer_a.user)
    url = reverse("dashboard:producer-update", kwargs={"pk": producer.pk})
    data = profile_data(
        producer,
        **{"photos-TOTAL_FORMS": 1, "photos-0-caption": "Vườn tỏi", "photos-0-display_order": 0},
    )
    data["photos-0-image"] = SimpleUploadedFile("x.png", b"<script>alert(1)</script>")
    response = client.post(url, data)
    assert response.status_code == 200 and not producer.photos.exists()
    data["photos-0-image"] = SimpleUploadedFile("vuon.jpg", jpeg_with_exif())
    data["story"] = "<p>Vườn tỏi</p><script>alert(1)</script>"
    response = client.post(url, data)
    assert response.status_code == 302, response.context and (
        response.context["form"].errors,
        response.context["photo_formset"].errors,
    )
    photo = producer.photos.get()
    with photo.image.open("rb") as fh:
        assert b"SecretCam" not in fh.read()
    producer.refresh_from_db()
    assert producer.story == "<p>Vườn tỏi</p>"
    public = client.get(producer.get_absolute_url()).content.decode()
    assert "<p>Vườn tỏi</p>" in public and "alert(1)" not in public
    assert reverse("workspace:apply") in client.get(reverse("producers:list")).content.decode()
