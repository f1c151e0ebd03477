"""A NUL byte anywhere in a request gets the shop's short 400 page, for every URL; bodies over
the size limits get a clear 400/413 page; neither reaches a view."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse
from oscar.core.loading import get_model

pytestmark = pytest.mark.django_db

Basket = get_model("basket", "Basket")
NUL_MESSAGES = ("ký tự không được phép (NUL)", "forbidden character (NUL)")


def _routes(patterns, prefix=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if hasattr(entry, "url_patterns"):
            yield from _routes(entry.url_patterns, route)
        else:
            yield route


def sample_urls(minimum=15):
    """Every URL of the resolver without parameters (storefront, account, checkout,
    dashboard, workspace, API, webhooks…), in a stable order."""
    found = sorted(
        {
            "/" + route.lstrip("^").rstrip("$")
            for route in _routes(get_resolver().url_patterns)
            if not any(char in route for char in "<(?*[\\")
        }
    )
    # Every third URL outside the admin (its ~150 model pages are alike), plus its login.
    sample = [url for url in found if not url.startswith("/admin/")][::3] + ["/admin/login/"]
    assert len(sample) >= minimum
    return sample


URLS = sample_urls()


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False


def assert_refused(response, status=400):
    assert response.status_code == status, response.content.decode()[:500]
    page = response.content.decode()
    assert len(page) < 3000
    return page


def nul_requests(client, url):
    """The same URL with a NUL in each place a request can carry one."""
    upload = SimpleUploadedFile("don-hang.csv", b"sku,quantity\n", content_type="text/csv")
    yield client.get(url + "%00")
    yield client.get(url + "a\x00b/")
    yield client.get(url, {"q": "mạch\x00nha"})
    yield client.get(url + "?a%00b=1")
    yield client.get(url + "?page=1&sort_by=%00")
    yield client.post(url, "name=x%00y", content_type="application/x-www-form-urlencoded")
    yield client.post(url, "na%00me=x", content_type="application/x-www-form-urlencoded")
    yield client.post(url, {"name": "x\x00y", "file": upload})
    yield client.post(url, {"na\x00me": "x"})
    yield client.post(
        url, {"fi\x00le": SimpleUploadedFile("a.csv", b"sku\n", content_type="text/csv")}
    )


def test_a_nul_byte_anywhere_gets_400(client):
    baskets = Basket.objects.count()
    for url in URLS:
        for number, response in enumerate(nul_requests(client, url)):
            assert response.status_code == 400, (url, number, response.status_code)
            if url.startswith("/api/"):
                detail = response.json()["detail"]
                assert any(message in detail for message in NUL_MESSAGES), (url, number)
                continue
            page = response.content.decode()
            assert any(message in page for message in NUL_MESSAGES), (url, number)
            assert "Chợ OCOP" in page, (url, number)
    assert Basket.objects.count() == baskets


def test_api_clients_get_the_refusal_as_json(client):
    """The API speaks JSON, its errors too (the schema documents JSON only)."""
    for response in (
        client.get("/api/products/?q=%00"),
        client.post("/api/orders/", {"note": "x\x00"}),
        client.get(reverse("catalogue:index") + "?q=%00", HTTP_ACCEPT="application/json"),
    ):
        assert response.status_code == 400
        assert response["Content-Type"] == "application/json"
        assert any(message in response.json()["detail"] for message in NUL_MESSAGES)


def test_the_page_follows_the_url_language(client):
    page = assert_refused(client.get("/en/catalogue/%00"))
    assert "forbidden character (NUL)" in page
    page = assert_refused(client.get("/catalogue/%00"))
    assert "ký tự không được phép (NUL)" in page


def test_requests_without_nul_pass(client):
    """An escaped percent sign (%2500 is the text "%00") and ordinary uploads are not NUL."""
    assert client.get(reverse("search:search") + "?q=%2500").status_code == 200
    assert client.get(reverse("catalogue:index")).status_code == 200


def test_a_nul_in_a_file_name_never_reaches_the_shop(rf):
    """Django's multipart parser drops non-printable characters from file names."""
    upload = SimpleUploadedFile("a\x00b.csv", b"sku\n", content_type="text/csv")
    request = rf.post("/wholesale/quick-order/", {"file": upload})
    assert request.FILES["file"].name == "ab.csv"


def test_too_large_form_body_gets_413(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = client.post(reverse("customer:login"), {"login-username": "a" * 20_000})
    page = assert_refused(response, 413)
    assert "quá lớn" in page


def test_too_large_upload_gets_413_before_reading(client, settings):
    settings.UPLOAD_MAX_REQUEST_BYTES = 50_000
    upload = SimpleUploadedFile("big.csv", b"x" * 60_000, content_type="text/csv")
    response = client.post(reverse("customer:login"), {"file": upload})
    page = assert_refused(response, 413)
    assert "quá lớn" in page


def test_too_many_fields_gets_400(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    data = {f"f{i}": "x" for i in range(50)}
    page = assert_refused(client.post(reverse("customer:login"), data))
    assert "quá nhiều" in page


def test_too_many_files_gets_400(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    files = [SimpleUploadedFile(f"{i}.csv", b"x", content_type="text/csv") for i in range(5)]
    page = assert_refused(client.post(reverse("customer:login"), {"file": files}))
    assert "quá nhiều" in page
