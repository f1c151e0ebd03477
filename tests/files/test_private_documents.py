"""Application scans: typed by content, kept private, sent to staff only as attachments."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from PIL import Image
from pypdf import PdfWriter

from marketplace.urls import serve_media
from shop.workspace.models import ApplicationDocument, ProducerApplication, StockImport
from tests import factories
from tests.workspace.helpers import make_producer, make_user

pytestmark = pytest.mark.django_db

HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"></svg>'


def pdf_bytes():
    out = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.write(out)
    return out.getvalue()


def png_bytes():
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def commune(db):
    return factories.CommuneFactory(name="Xã Đức Lợi")


@pytest.fixture
def staff_user(db):
    return make_user(
        "duyet", staff=True, codenames=["view_producerapplication", "change_producerapplication"]
    )


def apply(client, commune, *uploads, username="nop"):
    client.force_login(make_user(username))
    data = {
        "business_name": "HTX Đức Lợi",
        "legal_type": "cooperative",
        "tax_code": "4300999888",
        "district": commune.parent_id,
        "commune": commune.pk,
        "contact_name": "Trần Thị Bình",
        "phone": "0912345678",
        "email": "binh@ocop.local",
        "documents": list(uploads),
    }
    return client.post(reverse("workspace:apply"), data)


def assert_not_public(name, settings):
    """Not under MEDIA_ROOT, and /media/ (served when SERVE_MEDIA is on) does not find it."""
    assert not (settings.MEDIA_ROOT / name).exists()
    assert (settings.PRIVATE_MEDIA_ROOT / name).is_file()
    request = RequestFactory().get(f"/media/{name}")
    with pytest.raises(Http404):
        serve_media(request, name)


@pytest.mark.parametrize(
    "name, content",
    [
        ("page.html", b"%PDF-1.4\n" + HTML),
        ("image.svg", b"%PDF-1.7\n" + SVG),
        ("page.pdf", b"%PDF-1.4\n" + HTML),
        ("scan.pdf", pdf_bytes() + HTML),  # a real PDF with a page appended after its end
        ("scan.pdf", b"%PDF-1.4 test"),
        ("page.html", HTML),
        ("image.svg", SVG),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + HTML),
    ],
)
def test_polyglots_and_other_types_are_refused(client, commune, name, content):
    response = apply(client, commune, SimpleUploadedFile(name, content, "application/pdf"))
    assert response.status_code == 200
    errors = response.context["form"].errors["documents"]
    assert errors and name in errors[0]
    assert not ProducerApplication.objects.exists()
    assert not ApplicationDocument.objects.exists()


@pytest.mark.parametrize(
    "name, content, content_type, extension",
    [
        ("scan.html", pdf_bytes(), "text/html", "pdf"),
        ("scan.svg", png_bytes(), "image/svg+xml", "png"),
    ],
)
def test_a_scan_is_named_by_its_content_and_kept_private(
    client, commune, settings, name, content, content_type, extension
):
    settings.SERVE_MEDIA = True
    response = apply(client, commune, SimpleUploadedFile(name, content, content_type))
    assert response.status_code == 302
    document = ApplicationDocument.objects.get()
    stored = document.file.name
    assert stored.endswith(f".{extension}") and ".html" not in stored and ".svg" not in stored
    assert document.content_type == {"pdf": "application/pdf", "png": "image/png"}[extension]
    assert document.original_name == name
    assert_not_public(stored, settings)
    assert client.get(f"/media/{stored}").status_code == 404


def test_only_staff_download_a_scan_as_an_attachment(client, commune, staff_user):
    assert apply(client, commune, SimpleUploadedFile("scan.pdf", pdf_bytes())).status_code == 302
    document = ApplicationDocument.objects.get()
    url = reverse("dashboard:producer-application-document", kwargs={"pk": document.pk})

    client.logout()
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    for user in (
        document.application.applicant,  # the applicant (its status page lists no scans)
        make_user("khach"),
        make_producer("HTX Trà Bồng", "trabong", products=0).user,
    ):
        client.force_login(user)
        assert client.get(url).status_code in (403, 404)

    client.force_login(staff_user)
    page = client.get(
        reverse("dashboard:producer-application-detail", kwargs={"pk": document.application_id})
    ).content.decode()
    assert f'href="{url}" download' in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Disposition"].endswith('.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert b"".join(response.streaming_content) == pdf_bytes_of(document)


def pdf_bytes_of(document):
    with document.file.open("rb") as handle:
        return handle.read()


def test_existing_public_files_move_to_private_storage(commune, settings):
    from shop.workspace.private_files import move_documents, move_stock_files

    public = storages["default"]
    application = ProducerApplication.objects.create(
        applicant=make_user("cu"),
        business_name="Cơ sở cũ",
        legal_type="household",
        tax_code="4300111222",
        province=commune.province,
        contact_name="Lê Văn Cũ",
        phone="0912345678",
        email="cu@ocop.local",
    )
    good = public.save("workspace/applications/old1.html", ContentFile(pdf_bytes()))
    bad = public.save("workspace/applications/old2.html", ContentFile(b"%PDF-1.4\n" + HTML))
    for name in (good, bad):
        application.documents.create(
            file=name, original_name=name, content_type="application/pdf", size=1
        )
    stock = public.save("workspace/stock-imports/abc.csv", ContentFile(b"sku,num_in_stock,price"))
    producer = make_producer("HTX Mộ Đức", "moduc", products=0)
    StockImport.objects.create(partner=producer.partner, file=stock, original_name="kho.csv")

    assert move_documents(ApplicationDocument) == 2
    assert move_stock_files(StockImport) == 1
    assert move_documents(ApplicationDocument) == 0  # run again: nothing left to move

    first, second = application.documents.order_by("pk")
    assert first.file.name.endswith(".pdf") and first.content_type == "application/pdf"
    assert second.file.name.endswith(".bin")
    assert second.content_type == "application/octet-stream"
    for name in (first.file.name, second.file.name, StockImport.objects.get().file.name):
        assert_not_public(name, settings)
    for name in (good, bad, stock):
        assert not public.exists(name)


def test_private_files_inside_media_root_fail_the_system_check(settings, tmp_path):
    from django.core.checks import run_checks

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media" / "private"
    assert "ocop.E001" in [message.id for message in run_checks()]
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    assert "ocop.E001" not in [message.id for message in run_checks()]
