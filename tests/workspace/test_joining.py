"""Joining: the application, staff review with a reason, email to the applicant; invitations."""

import io

import pytest
from django.core import mail, signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfWriter

from shop.producers.models import Producer
from shop.workspace import services
from shop.workspace.models import Invitation, ProducerApplication
from tests import factories
from tests.workspace.helpers import make_user

pytestmark = pytest.mark.django_db


def pdf_bytes():
    out = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.write(out)
    return out.getvalue()


def png_bytes(color="red"):
    out = io.BytesIO()
    Image.new("RGB", (8, 8), color).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def commune(db):
    return factories.CommuneFactory(name="Xã An Vĩnh")


def application_data(unit, **overrides):
    data = {
        "business_name": "HTX Nông nghiệp An Vĩnh",
        "legal_type": "cooperative",
        "tax_code": "4300123456",
        "district": unit.parent_id,
        "commune": unit.pk,
        "street_address": "Thôn Đông",
        "contact_name": "Nguyễn Văn An",
        "phone": "0912 345 678",
        "email": "an@ocop.local",
        "story": '<p>Tỏi <strong>Lý Sơn</strong></p><script>alert(1)</script><img src=x onerror="alert(2)">',
    }
    data.update(overrides)
    return data


def test_apply_needs_a_signed_in_user(client):
    response = client.get(reverse("workspace:apply"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_apply_with_scans_then_staff_approve(
    client, commune, staff_user, django_capture_on_commit_callbacks
):
    applicant = make_user("an")
    client.force_login(applicant)
    data = application_data(commune)
    data["documents"] = [
        SimpleUploadedFile("chung-nhan.pdf", pdf_bytes(), content_type="application/pdf"),
        SimpleUploadedFile("giay-phep.png", png_bytes(), content_type="image/png"),
    ]
    response = client.post(reverse("workspace:apply"), data)
    application = ProducerApplication.objects.get()
    assert response.status_code == 302
    assert application.status == "pending" and application.phone == "0912345678"
    assert "<script" not in application.story and "onerror" not in application.story
    assert "<strong>Lý Sơn</strong>" in application.story
    assert application.documents.count() == 2
    assert client.get(reverse("workspace:apply")).status_code == 302  # one pending at a time

    # Producers and customers cannot review applications.
    review = reverse("dashboard:producer-application-detail", kwargs={"pk": application.pk})
    assert client.post(review, {"action": "approve"}).status_code == 403

    client.force_login(staff_user)
    assert (
        "HTX Nông nghiệp An Vĩnh"
        in client.get(reverse("dashboard:producer-application-list")).content.decode()
    )
    page = client.get(review).content.decode()
    assert "chung-nhan.pdf" in page and "<script>alert" not in page
    document = application.documents.first()
    scan = client.get(
        reverse("dashboard:producer-application-document", kwargs={"pk": document.pk})
    )
    assert scan.status_code == 200 and scan["Content-Type"] == "application/pdf"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(review, {"action": "approve"})
    application.refresh_from_db()
    producer = Producer.objects.get(tax_code="4300123456")
    assert application.status == "approved" and application.producer == producer
    assert producer.partner.name == "HTX Nông nghiệp An Vĩnh" and producer.commune == commune
    assert list(producer.partner.users.all()) == [applicant]
    applicant = type(applicant).objects.get(pk=applicant.pk)
    assert applicant.has_perm("partner.dashboard_access")
    assert mail.outbox[-1].to == [applicant.email]
    assert "HTX Nông nghiệp An Vĩnh" in mail.outbox[-1].subject
    # The new producer opens the workspace.
    client.force_login(applicant)
    assert client.get(reverse("dashboard:workspace-stock")).status_code == 200
    # A second decision is refused.
    with pytest.raises(services.WorkspaceError):
        services.reject_application(application, reviewer=staff_user, reason="x")


def test_approval_links_an_existing_producer_by_tax_code(commune, staff_user):
    existing = factories.ProducerFactory(tax_code="4300999888")
    applicant = make_user("ba")
    application = ProducerApplication.objects.create(
        applicant=applicant,
        business_name="Khác",
        legal_type="enterprise",
        tax_code="4300999888",
        province=commune.province,
        commune=commune,
        contact_name="B",
        phone="0912345678",
        email="b@x.vn",
    )
    services.approve_application(application, reviewer=staff_user)
    assert Producer.objects.count() == 1
    assert applicant in existing.partner.users.all()


def test_reject_needs_a_reason_and_tells_the_applicant(
    client, commune, staff_user, django_capture_on_commit_callbacks
):
    applicant = make_user("ca")
    application = ProducerApplication.objects.create(
        applicant=applicant,
        business_name="Cơ sở C",
        legal_type="household",
        tax_code="4300111222",
        province=commune.province,
        commune=commune,
        contact_name="C",
        phone="0912345678",
        email="c@x.vn",
    )
    client.force_login(staff_user)
    review = reverse("dashboard:producer-application-detail", kwargs={"pk": application.pk})
    assert client.post(review, {"action": "reject", "reason": ""}).status_code == 400
    application.refresh_from_db()
    assert application.status == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            review, {"action": "reject", "reason": "Thiếu giấy chứng nhận OCOP & mã số thuế."}
        )
    application.refresh_from_db()
    assert application.status == "rejected"
    assert "Thiếu giấy chứng nhận OCOP & mã số thuế." in mail.outbox[-1].body
    assert not Producer.objects.exists()
    client.force_login(applicant)
    status = client.get(
        reverse("workspace:application", kwargs={"pk": application.pk})
    ).content.decode()
    assert "Thiếu giấy chứng nhận OCOP" in status


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"tax_code": "12345"}, "tax_code"),
        ({"phone": "12"}, "phone"),
        ({"commune": ""}, "commune"),
    ],
)
def test_bad_application_is_refused(client, commune, overrides, field):
    client.force_login(make_user("da"))
    response = client.post(reverse("workspace:apply"), application_data(commune, **overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not ProducerApplication.objects.exists()


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("virus.exe", b"MZ\x90\x00binary", content_type="application/pdf"),
        SimpleUploadedFile("fake.png", b"<svg onload=alert(1)>", content_type="image/png"),
        SimpleUploadedFile(
            "scan.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", content_type="image/gif"
        ),
    ],
)
def test_bad_scans_are_refused(client, commune, upload):
    client.force_login(make_user("ea"))
    data = application_data(commune)
    data["documents"] = [upload]
    response = client.post(reverse("workspace:apply"), data)
    assert "documents" in response.context["form"].errors
    assert not ProducerApplication.objects.exists()


def test_invitation_link_attaches_the_invited_user(
    client, producer_a, django_capture_on_commit_callbacks
):
    client.force_login(producer_a.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("dashboard:workspace-team"), {"email": "Nhanvien@OCOP.local"})
    invitation = Invitation.objects.get()
    assert invitation.email == "nhanvien@ocop.local"
    link = next(word for word in mail.outbox[-1].body.split() if "/workspace/invitations/" in word)
    path = link.split("://", 1)[1].split("/", 1)[1]
    # Someone else signed in cannot use it.
    client.force_login(make_user("khac"))
    assert client.post(f"/{path}").status_code == 400
    invitee = make_user("nhanvien")
    client.force_login(invitee)
    assert client.post(f"/{path}").status_code == 302
    assert invitee in producer_a.partner.users.all()
    assert type(invitee).objects.get(pk=invitee.pk).has_perm("partner.dashboard_access")
    assert client.get(reverse("dashboard:workspace-stock")).status_code == 200
    # Used once only.
    assert client.post(f"/{path}").status_code == 400
    # Removed again by a colleague.
    client.force_login(producer_a.user)
    client.post(reverse("dashboard:workspace-member-remove", kwargs={"pk": invitee.pk}))
    assert invitee not in producer_a.partner.users.all()
    assert not type(invitee).objects.get(pk=invitee.pk).has_perm("partner.dashboard_access")


def test_tampered_expired_or_withdrawn_invitations_are_refused(client, producer_a, settings):
    invitation = services.invite(
        producer_a.partner, email="x@ocop.local", invited_by=producer_a.user
    )
    user = make_user("x")
    client.force_login(user)
    token = services.invitation_token(invitation)
    assert (
        client.post(
            reverse("workspace:invitation-accept", kwargs={"token": token + "x"})
        ).status_code
        == 400
    )
    forged = signing.dumps({"invitation": invitation.pk}, salt="other")
    assert (
        client.post(reverse("workspace:invitation-accept", kwargs={"token": forged})).status_code
        == 400
    )
    services.withdraw_invitation(invitation)
    assert (
        client.post(reverse("workspace:invitation-accept", kwargs={"token": token})).status_code
        == 400
    )
    assert user not in producer_a.partner.users.all()
