import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from catalogue_ext.models import add_months
from tests.factories import (
    ProducerFactory,
    ProductClassFactory,
    ProductFactory,
    StockRecordFactory,
    certified_product,
)

pytestmark = pytest.mark.django_db

Certificate = get_model("catalogue", "Certificate")
CertificateEvent = get_model("catalogue", "CertificateEvent")
ProductGroup = get_model("catalogue", "ProductGroup")
Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")
User = get_user_model()


STAFF_PERMISSIONS = [
    "view_product",
    "add_product",
    "change_product",
    "view_certificate",
    "add_certificate",
    "change_certificate",
]


def staff_user(username="canbo", codenames=STAFF_PERMISSIONS):
    user = User.objects.create_user(
        username=username, email=f"{username}@ocop.local", password="x", is_staff=True
    )
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="catalogue", codename__in=codenames)
    )
    return User.objects.get(pk=user.pk)  # fresh permission cache


@pytest.fixture
def staff(client):
    user = staff_user()
    client.force_login(user)
    return user


def in_category(product):
    """Oscar requires standalone products to be in a category."""
    category = Category.objects.filter(slug="dac-san").first() or Category.add_root(
        name="Đặc sản", slug="dac-san", is_public=True
    )
    ProductCategory.objects.create(product=product, category=category)
    return product


def group(code):
    return ProductGroup.objects.get(group_set__code="qd-148-2023", code=code)


def form_data(response):
    """POST data reproducing every form and formset the product page rendered."""
    data = {}
    ctx = response.context
    forms = [ctx["form"]]
    for name in (
        "category_formset",
        "image_formset",
        "recommended_formset",
        "stockrecord_formset",
    ):
        formset = ctx[name]
        # Existing rows only: the extra blank rows are left out, as a browser sends them empty.
        initial = formset.initial_form_count()
        prefix = formset.prefix
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": initial,
                f"{prefix}-INITIAL_FORMS": initial,
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
        forms.extend(formset.forms[:initial])
    if ctx.get("certificate_form"):
        forms.append(ctx["certificate_form"].form)
    for form in forms:
        for bound in form:
            value = bound.value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            if isinstance(value, datetime.date):
                value = value.isoformat()
            if hasattr(value, "name") and not isinstance(value, str):  # files
                continue
            data[bound.html_name] = value
    return data


def certificate_fields(**overrides):
    fields = {
        "ocop-stars": "3",
        "ocop-score": "68",
        "ocop-group": str(group("1").pk),
        "ocop-subgroup": str(group("1.3").pk),
        "ocop-level": "province",
        "ocop-issuer": "UBND tỉnh Quảng Ngãi",
        "ocop-decision_number": "1234/QĐ-UBND",
        "ocop-decision_date": (timezone.localdate() - datetime.timedelta(days=30)).isoformat(),
        "ocop-expires_on": "",
        "ocop-verified": "on",
    }
    fields.update(overrides)
    return {k: v for k, v in fields.items() if v is not None}


def product_url(product):
    return reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})


def test_product_page_has_an_ocop_tab(client, staff):
    product = ProductFactory(title="Mạch nha Thi Phổ")
    response = client.get(product_url(product))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#product_ocop"' in html
    assert 'name="ocop-stars"' in html
    assert 'name="ocop-revocation_reason"' in html


def test_staff_creates_then_upgrades_a_certificate(client, staff):
    product = in_category(ProductFactory(title="Mạch nha Thi Phổ"))
    StockRecordFactory(product=product, partner=ProducerFactory().partner)
    data = form_data(client.get(product_url(product)))
    data.update(certificate_fields())
    data["action"] = "continue"
    response = client.post(product_url(product), data)
    assert response.status_code == 302, (
        response.context and response.context["certificate_form"].errors
    )
    certificate = Certificate.objects.get(product=product)
    assert certificate.stars == 3
    assert certificate.subgroup == group("1.3")
    assert certificate.expires_on == add_months(certificate.decision_date, 36)  # default
    issued = certificate.events.get()
    assert issued.kind == "issued" and issued.user == staff

    # Edit: 3 → 4 stars is recorded as an upgrade.
    data = form_data(client.get(product_url(product)))
    data.update({"ocop-stars": "4", "ocop-score": "75", "action": "continue"})
    response = client.post(product_url(product), data)
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.stars == 4
    upgrade = certificate.events.get(kind="upgraded")
    assert (upgrade.from_stars, upgrade.to_stars, upgrade.user) == (3, 4, staff)

    # The product page shows the history.
    html = client.get(product_url(product)).content.decode()
    assert 'data-event="upgraded"' in html and 'data-event="issued"' in html


def test_saving_a_product_without_ocop_fields_creates_no_certificate(client, staff):
    product = in_category(ProductFactory())
    data = form_data(client.get(product_url(product)))
    data["action"] = "continue"
    data["title"] = "Bánh tráng Tư Nghĩa"
    response = client.post(product_url(product), data)
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.title == "Bánh tráng Tư Nghĩa"
    assert not Certificate.objects.filter(product=product).exists()


def test_staff_creates_a_product_with_its_certificate(client, staff):
    product_class = ProductClassFactory()
    url = reverse(
        "dashboard:catalogue-product-create", kwargs={"product_class_slug": product_class.slug}
    )
    data = form_data(client.get(url))
    data.update(certificate_fields(**{"ocop-stars": "4", "ocop-score": "72"}))
    category = in_category(ProductFactory()).categories.get()
    data.update(
        {
            "title": "Đường phèn Quảng Ngãi",
            "upc": "QN-DP-1",
            "action": "save",
            "productcategory_set-TOTAL_FORMS": 1,
            "productcategory_set-0-category": category.pk,
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302
    product = Product.objects.get(upc="QN-DP-1")
    assert product.ocop.stars == 4
    assert product.ocop.events.get().kind == "issued"


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"ocop-score": "150"}, "score"),
        ({"ocop-stars": "7"}, "stars"),
        ({"ocop-subgroup": "2.1"}, "subgroup"),  # a sub-group of another group
        ({"ocop-revoked": "on", "ocop-revocation_reason": ""}, "revocation_reason"),
    ],
)
def test_invalid_certificate_input_shows_errors_and_changes_nothing(
    client, staff, overrides, field
):
    product = in_category(certified_product(stars=3, title="Tỏi Lý Sơn"))
    certificate = product.ocop
    before = (certificate.stars, certificate.score, certificate.subgroup_id, certificate.revoked)
    events_before = certificate.events.count()
    data = form_data(client.get(product_url(product)))
    if overrides.get("ocop-subgroup"):
        overrides = {**overrides, "ocop-subgroup": str(group(overrides["ocop-subgroup"]).pk)}
    data.update({**overrides, "title": "Tên mới", "action": "continue"})
    response = client.post(product_url(product), data)
    assert response.status_code == 200
    assert field in response.context["certificate_form"].errors
    html = response.content.decode()
    assert "error-block" in html or "invalid-feedback" in html or "errorlist" in html
    certificate.refresh_from_db()
    product.refresh_from_db()
    assert (
        certificate.stars,
        certificate.score,
        certificate.subgroup_id,
        certificate.revoked,
    ) == before
    assert certificate.events.count() == events_before
    assert product.title == "Tỏi Lý Sơn"


def test_non_staff_are_refused(client):
    product = certified_product()
    user = User.objects.create_user(username="khach", email="khach@example.vn", password="x")
    client.force_login(user)
    response = client.get(product_url(product))
    assert response.status_code in (302, 403)
    response = client.post(product_url(product), {"ocop-stars": "5"})
    assert response.status_code in (302, 403)
    assert product.ocop.stars == 3
    response = client.get(reverse("dashboard:catalogue-certificate-list"))
    assert response.status_code in (302, 403)


def test_staff_without_certificate_permissions_cannot_certify(client):
    product = in_category(certified_product(stars=3))
    user = staff_user("thukho", ["view_product", "add_product", "change_product"])
    client.force_login(user)
    response = client.get(product_url(product))
    assert response.status_code == 200
    assert 'name="ocop-stars"' not in response.content.decode()
    data = form_data(response)
    data.update({"ocop-stars": "5", "ocop-score": "95", "action": "continue"})
    assert client.post(product_url(product), data).status_code == 302
    product.ocop.refresh_from_db()
    assert product.ocop.stars == 3
    assert client.get(reverse("dashboard:catalogue-certificate-list")).status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("dashboard:catalogue-certificate-list"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_certificate_list_filters_by_status_and_stars(client, staff):
    valid = certified_product(stars=4, title="Quế Trà Bồng")
    expired = certified_product(stars=3, title="Nước mắm Sa Huỳnh")
    cert = expired.ocop
    cert.decision_date = timezone.localdate() - datetime.timedelta(days=1500)
    cert.expires_on = timezone.localdate() - datetime.timedelta(days=2)
    cert.save()
    revoked = certified_product(stars=3, title="Muối Sa Huỳnh")
    revoked.ocop.revoked = True
    revoked.ocop.revocation_reason = "Không đạt"
    revoked.ocop.save()

    url = reverse("dashboard:catalogue-certificate-list")
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for title in ("Quế Trà Bồng", "Nước mắm Sa Huỳnh", "Muối Sa Huỳnh"):
        assert title in html
    assert product_url(valid) in html  # links to edit the product
    assert 'data-event="revoked"' in html  # history shown

    def titles(params):
        return {c.product.title for c in client.get(url, params).context["certificates"]}

    assert titles({"status": "expired"}) == {"Nước mắm Sa Huỳnh"}
    assert titles({"status": "revoked"}) == {"Muối Sa Huỳnh"}
    assert titles({"status": "valid"}) == {"Quế Trà Bồng"}
    assert titles({"stars": "4"}) == {"Quế Trà Bồng"}
    assert titles({"stars": "3", "status": "revoked"}) == {"Muối Sa Huỳnh"}
    assert titles({"stars": "9"}) == {"Quế Trà Bồng", "Nước mắm Sa Huỳnh", "Muối Sa Huỳnh"}


def test_dashboard_menu_has_certificates_entry(client, staff):
    html = client.get(reverse("dashboard:index")).content.decode()
    assert reverse("dashboard:catalogue-certificate-list") in html
