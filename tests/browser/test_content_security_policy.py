"""Under the Content-Security-Policy, Chromium runs every page's scripts and blocks nothing.

A guest shops and pays by card (the fake Stripe's Payment Element mounts and the payment goes
through); staff use the dashboard (order list with its date picker, product edit with its
rich-text editor and select lists); a producer edits stock in the workspace. Every page is
watched for ``securitypolicyviolation`` events, console errors and uncaught exceptions.
"""

import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from oscar.core.loading import get_model
from playwright.sync_api import expect

from tests.browser.test_checkout_card import fill_shipping_address
from tests.checkout.helpers import stocked_product
from tests.payments import conftest as payment_fixtures
from tests.workspace.helpers import make_producer, make_user

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

Order = get_model("order", "Order")

fake_stripe = payment_fixtures.fake_stripe

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", function (e) {
  console.error("CSP violation: " + e.violatedDirective + " blocked " + e.blockedURI +
                " in " + e.sourceFile + ":" + e.lineNumber);
});
"""


def watch(tab):
    """Collect CSP violations, console errors, uncaught exceptions and failed script loads."""
    problems = []
    tab.context.add_init_script(REPORT_VIOLATIONS)

    def console(message):
        # A failed load is reported below with its address.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(f"{tab.url}: {message.text}")

    tab.on("console", console)
    tab.on("pageerror", lambda error: problems.append(f"{tab.url}: {error}"))
    # Scripts, styles and the pages' own requests must load (images are not checked: the
    # thumbnail cache outlives each test's media folder).
    tab.on(
        "response",
        lambda response: (
            response.status >= 400
            and response.request.resource_type in ("script", "stylesheet", "fetch", "xhr")
            and problems.append(f"{tab.url}: {response.status} {response.url}")
        ),
    )
    return problems


def visit(tab, url):
    """Open ``url``: it answers 200 under a policy that allows no inline or eval'd script."""
    response = tab.goto(url)
    assert response.status == 200, url
    script_src = next(
        part.split()[1:]
        for part in response.headers["content-security-policy"].split(";")
        if part.split()[0] == "script-src"
    )
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, url
    tab.wait_for_load_state("networkidle")
    return response


def sign_in(tab, email, password):
    tab.goto("/accounts/login/")
    tab.fill("#id_login-username", email)
    tab.fill("#id_login-password", password)
    tab.locator("button[name=login_submit]").click()
    tab.wait_for_load_state("networkidle")


def test_the_watch_reports_an_inline_script_the_policy_blocks(page):
    problems = watch(page)
    visit(page, "/")

    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = true'; document.body.append(s); }"
    )

    page.wait_for_timeout(200)
    assert page.evaluate("window.injected") is None
    assert any("CSP violation: script-src" in problem for problem in problems), problems


def test_shopping_and_paying_by_card_run_under_the_policy(stripe_page, fake_stripe):
    tab = stripe_page
    problems = watch(tab)
    call_command("load_regions", "--province", "51", verbosity=0)
    product = stocked_product(num_in_stock=5, price=Decimal("125000"), title="Tỏi Lý Sơn")

    visit(tab, "/")
    visit(tab, "/catalogue/")
    visit(tab, product.get_absolute_url())
    tab.locator("#add_to_basket_form button[type=submit]").click()

    # The basket's quantity form is sent by Oscar's script (no page load) and the new
    # total comes back into the page.
    visit(tab, "/basket/")
    tab.evaluate("window.notReloaded = true")
    tab.fill("#id_form-0-quantity", "2")
    tab.locator("#basket_formset button[type=submit]").first.click()
    expect(tab.locator("#content_inner")).to_contain_text("250.000")
    assert tab.evaluate("window.notReloaded") is True

    # Checkout: the address form's lists reload when a province is chosen (static script).
    visit(tab, "/checkout/")
    tab.fill("input[name=username]", "lan@example.vn")
    tab.locator("input[name=options][value=anonymous]").check()
    tab.locator("form button[type=submit]").first.click()
    expect(tab.locator("#refresh-units")).to_be_hidden()
    fill_shipping_address(tab)
    tab.wait_for_url(re.compile(r"/checkout/(shipping-method|payment-method)/"))
    if "/checkout/shipping-method/" in tab.url:
        tab.locator("form button[type=submit]:visible").first.click()
    tab.wait_for_url(re.compile(r"/checkout/payment-method/"))
    tab.locator("input[name=method][value=card]").check()
    tab.click("[data-testid=payment-method-continue]")
    tab.wait_for_url(re.compile(r"/checkout/preview/"))
    tab.click("#place-order")

    # The card page loads the payment provider's script, which mounts its element.
    tab.wait_for_url(re.compile(r"/payments/card/"))
    expect(tab.locator("#fake-card-number")).to_be_visible()
    expect(tab.locator("#card-payment-submit")).to_be_enabled()
    tab.fill("#fake-card-number", "4242 4242 4242 4242")
    tab.click("#card-payment-submit")
    expect(tab.locator(".card-payment-result")).to_contain_text("Đã nhận thanh toán")
    assert Order.objects.get().status == "paid"

    assert problems == []
    assert tab.external_requests == []


def test_dashboard_pages_and_their_widgets_run_under_the_policy(page):
    problems = watch(page)
    staff = make_user("quanly", staff=True)
    staff.is_superuser = True
    staff.save()
    product = stocked_product(title="Mạch nha Thi Phổ")
    sign_in(page, staff.email, "secret-pass-123")

    visit(page, "/dashboard/")
    expect(page.locator(".dashboard, #default, body").first).to_be_visible()

    # Order list: the search dialog opens (Bootstrap) and its date fields get the picker.
    visit(page, "/dashboard/orders/")
    assert page.evaluate("typeof jQuery.fn.datetimepicker") == "function"
    page.locator("[data-target='#SearchModal'], [data-toggle=modal]").first.click()
    expect(page.locator("#SearchModal")).to_be_visible()
    page.locator("#SearchModal [data-toggle=datetimepicker]").first.click()
    expect(page.locator(".bootstrap-datetimepicker-widget").first).to_be_visible()

    # Product edit: the description gets the rich-text editor, select lists get select2.
    visit(page, f"/dashboard/catalogue/products/{product.pk}/")
    expect(page.locator(".tox-tinymce").first).to_be_visible()
    assert page.evaluate("tinymce.activeEditor !== null && tinymce.activeEditor.initialized")
    assert page.locator(".select2-container").count() > 0
    editor = page.frame_locator(".tox-edit-area__iframe").first.locator("body")
    editor.click()
    editor.type("Mạch nha Thi Phổ ngọt thanh")
    page.keyboard.press("Control+B")
    page.keyboard.type(" ngon")
    page.evaluate("tinymce.triggerSave()")
    description = page.locator("textarea[name=description]").input_value()
    assert "Mạch nha Thi Phổ ngọt thanh" in description
    assert "<strong> ngon</strong>" in description or "<strong>ngon</strong>" in description

    assert problems == []
    assert page.external_requests == []


def test_the_producer_workspace_runs_under_the_policy(page):
    problems = watch(page)
    side = make_producer("HTX Tỏi Lý Sơn", "tois", products=2)
    sign_in(page, side.user.email, "secret-pass-123")

    visit(page, "/dashboard/workspace/stock/")
    rows = page.locator("#stock-records tr[id^='sr-']")
    expect(rows).to_have_count(2)
    # Each row's inputs were tied to the row's form by the stock list's script.
    record = side.records[0]
    assert page.locator(f"#sr-{record.pk} input").first.get_attribute("form") == (
        f"stock-form-{record.pk}"
    )

    assert problems == []
    assert page.external_requests == []
