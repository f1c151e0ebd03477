import datetime

import pytest
from django.utils import timezone

from tests.factories import CertificateFactory, certified_product

pytestmark = pytest.mark.django_db


def test_certificate_expires_36_months_after_decision_and_records_upgrade():
    certificate = CertificateFactory(decision_date=datetime.date(2024, 2, 29), stars=3)
    assert certificate.expires_on == datetime.date(2027, 2, 28)
    certificate.stars = 4
    certificate.decision_number = "999/QĐ-UBND"
    certificate.save()
    kinds = [(e.kind, e.from_stars, e.to_stars) for e in certificate.events.all()]
    assert kinds == [("issued", None, 3), ("upgraded", 3, 4)]


def test_badge_disappears_when_expired_or_revoked():
    product = certified_product(stars=4, title="Tỏi Lý Sơn")
    certificate = product.ocop
    assert product.ocop_badge_stars == 4
    certificate.expires_on = timezone.localdate() - datetime.timedelta(days=1)
    certificate.save()
    product.refresh_from_db()
    assert product.ocop_badge_stars == 0
    certificate.expires_on = timezone.localdate() + datetime.timedelta(days=10)
    certificate.save()
    assert certificate.status == "expiring"
    certificate.revoked = True
    certificate.save()
    assert certificate.status == "revoked"
    assert not certificate.shows_badge


def test_search_text_is_folded_and_includes_producer():
    product = certified_product(title="Đường phèn Quảng Ngãi")
    assert "duong phen quang ngai" in product.search_text
    assert "htx dac san" in product.search_text
