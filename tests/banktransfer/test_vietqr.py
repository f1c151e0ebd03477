import binascii
import io

import pytest
import zxingcpp
from django.urls import reverse
from PIL import Image
from vietnam_qr_pay import QRPay

from shop.banktransfer import services

from .conftest import place_order

pytestmark = pytest.mark.django_db


def parse_tlv(data):
    """EMVCo TLV: two-digit id, two-digit length, value."""
    fields = {}
    while data:
        tag, length = data[:2], int(data[2:4])
        fields[tag] = data[4 : 4 + length]
        assert len(fields[tag]) == length, f"field {tag} is cut short"
        data = data[4 + length :]
    return fields


def test_payload_holds_bank_account_exact_amount_and_order_number():
    order = place_order()
    payload = services.vietqr_payload(order)

    # Parsed by hand (EMVCo TLV) ...
    root = parse_tlv(payload)
    assert root["00"] == "01"
    assert root["01"] == "12"  # dynamic QR: the amount is fixed
    merchant = parse_tlv(root["38"])
    assert merchant["00"] == "A000000727"  # NAPAS VietQR
    assert merchant["02"] == "QRIBFTTA"  # transfer to an account
    beneficiary = parse_tlv(merchant["01"])
    assert beneficiary == {"00": "970436", "01": "0123456789"}
    assert root["53"] == "704"  # VND
    assert root["54"] == "1250000"
    assert root["58"] == "VN"
    assert parse_tlv(root["62"])["08"] == order.number
    # ... the CRC (CRC-16/CCITT-FALSE over everything up to and including "6304") ...
    assert payload[-8:-4] == "6304"
    assert root["63"] == f"{binascii.crc_hqx(payload[:-4].encode(), 0xFFFF):04X}"

    # ... and by the library's own parser, which verifies the CRC too.
    parsed = QRPay(payload)
    assert parsed.is_valid
    assert parsed.consumer.bank_bin == "970436"
    assert parsed.consumer.bank_number == "0123456789"
    assert parsed.amount == "1250000"
    assert parsed.additional_data.purpose == order.number


def test_a_tampered_payload_fails_the_crc():
    payload = services.vietqr_payload(place_order())
    assert not QRPay(payload.replace("1250000", "1250001")).is_valid


def test_payload_follows_the_configured_account_and_rounds_to_whole_dong(settings):
    settings.BANK_TRANSFER_BANK_BIN = "970415"
    settings.BANK_TRANSFER_ACCOUNT_NUMBER = "113366668888"
    order = place_order(price=249999.6)
    parsed = QRPay(services.vietqr_payload(order))
    assert parsed.consumer.bank_bin == "970415"
    assert parsed.consumer.bank_number == "113366668888"
    assert parsed.amount == "250000"
    assert services.account()["bank_short_name"] == "VietinBank"


def test_qr_png_is_a_png_that_decodes_to_the_payload():
    order = place_order()
    png = services.qr_png(order)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.size[0] == image.size[1] >= 200
    decoded = zxingcpp.read_barcodes(image)
    assert [result.text for result in decoded] == [services.vietqr_payload(order)]


# --- /bank-transfer/<number>/qr.png: the order's owner and staff only -------------------------


def qr_url(order):
    return reverse("banktransfer:qr-png", kwargs={"order_number": order.number})


def test_qr_url_is_the_documented_path():
    order = place_order()
    assert qr_url(order) == f"/bank-transfer/{order.number}/qr.png"


def test_owner_gets_the_png(client, django_user_model):
    user = django_user_model.objects.create_user("buyer", "buyer@example.vn", "pw")
    order = place_order(user=user)
    client.force_login(user)
    response = client.get(qr_url(order))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "no-store" in response["Cache-Control"]
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(response.content)))
    assert decoded[0].text == services.vietqr_payload(order)


def test_staff_gets_the_png(client, django_user_model):
    order = place_order(user=django_user_model.objects.create_user("b", "b@example.vn", "pw"))
    staff = django_user_model.objects.create_user("s", "s@example.vn", "pw", is_staff=True)
    client.force_login(staff)
    assert client.get(qr_url(order)).status_code == 200


def test_another_customer_and_anonymous_get_404(client, django_user_model):
    order = place_order(user=django_user_model.objects.create_user("b", "b@example.vn", "pw"))
    assert client.get(qr_url(order)).status_code == 404
    client.force_login(django_user_model.objects.create_user("o", "o@example.vn", "pw"))
    assert client.get(qr_url(order)).status_code == 404


def test_guest_order_visible_to_the_session_that_placed_it(client):
    order = place_order()
    assert client.get(qr_url(order)).status_code == 404
    session = client.session
    session["checkout_order_id"] = order.pk
    session.save()
    assert client.get(qr_url(order)).status_code == 200


def test_guest_order_visible_with_its_verification_key_only(client):
    order = place_order()
    assert client.get(qr_url(order), {"key": order.verification_hash()}).status_code == 200
    assert client.get(qr_url(order), {"key": order.number + ":forged"}).status_code == 404


def test_order_not_paid_by_bank_transfer_and_unknown_order_get_404(client, django_user_model):
    user = django_user_model.objects.create_user("b", "b@example.vn", "pw")
    order = place_order(user=user, bank_transfer=False)
    client.force_login(user)
    assert client.get(qr_url(order)).status_code == 404
    assert client.get("/bank-transfer/999999999/qr.png").status_code == 404
