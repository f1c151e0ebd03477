"""A whole purchase paid by card in Chromium, against the fake Stripe API and Stripe.js.

Guest buys → chooses card → the order is placed (stock allocated, waiting for payment) → the
card page mounts the Payment Element → a card that needs 3-D Secure is authenticated on the
fake bank page → the shop captures the authorised amount and the order is paid. The fake
posts the webhooks a real Stripe would, genuinely signed, to the live server; each one is
processed once and none changes the paid order again.
"""

import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from oscar.core.loading import get_model
from playwright.sync_api import expect

from shop.payments.models import StripeEvent
from tests.checkout.helpers import stocked_product
from tests.payments import conftest as payment_fixtures

# The fake posts webhooks while the browser's own requests run: each live-server thread needs
# its own database connection, which the in-memory SQLite test database shares between threads.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

fake_stripe = payment_fixtures.fake_stripe


def choose_first(page, name):
    """Pick the first unit of a province/district/commune list (the form reloads on change)."""
    select = page.locator(f"select[name={name}]")
    if not select.count() or select.locator("option").count() < 2:
        return
    if name == "commune":
        select.select_option(index=1)
        return
    with page.expect_navigation():
        select.select_option(index=1)


def fill_shipping_address(page):
    page.wait_for_url(re.compile(r"/checkout/shipping-address/"))
    for name in ("province", "district", "commune"):
        choose_first(page, name)
    page.fill("input[name=first_name]", "Lan")
    page.fill("input[name=last_name]", "Nguyễn")
    page.fill("input[name=line1]", "12 Lê Lợi")
    if page.locator("input[name=line4]").count():
        page.fill("input[name=line4]", "Quảng Ngãi")
    page.fill("input[name=phone_number]", "0912345678")
    country = page.locator("select[name=country]")
    if country.count():
        country.select_option("VN")
    page.locator("form button[type=submit]:visible").last.click()


def test_guest_pays_by_card_with_3d_secure(stripe_page, live_server, fake_stripe):
    page = stripe_page
    call_command("load_regions", "--province", "51", verbosity=0)  # the address lists
    product = stocked_product(num_in_stock=5, price=Decimal("125000"), title="Tỏi Lý Sơn")

    page.goto(product.get_absolute_url())
    with page.expect_navigation():  # the basket post completes before the next page
        page.locator("#add_to_basket_form button[type=submit]").click()
    page.goto("/checkout/")
    page.fill("input[name=username]", "lan@example.vn")
    page.locator("input[name=options][value=anonymous]").check()
    page.locator("form button[type=submit]").first.click()
    fill_shipping_address(page)
    page.wait_for_url(re.compile(r"/checkout/(shipping-method|payment-method)/"))
    if "/checkout/shipping-method/" in page.url:
        page.locator("form button[type=submit]:visible").first.click()
    page.wait_for_url(re.compile(r"/checkout/payment-method/"))
    page.locator("input[name=method][value=card]").check()
    page.click("[data-testid=payment-method-continue]")
    page.wait_for_url(re.compile(r"/checkout/preview/"))
    page.click("#place-order")

    # The order exists, its stock is held, and no money has moved yet.
    page.wait_for_url(re.compile(r"/payments/card/"))
    order = Order.objects.get()
    assert order.status == "pending_payment"
    assert StockRecord.objects.get(product=product).num_allocated == 1
    total = f"{int(order.total_incl_tax):,}".replace(",", ".") + "\u00a0₫"
    expect(page.locator(".card-payment-amount")).to_have_text(total)
    (intent,) = fake_stripe.intents.values()
    assert intent["amount"] == int(order.total_incl_tax)
    assert (intent["currency"], intent["capture_method"]) == ("vnd", "manual")
    assert intent["metadata"] == {"order_number": order.number}

    # A card that needs 3-D Secure: the bank's page, then back to the shop.
    page.fill("#fake-card-number", "4000 0027 6000 3184")
    page.click("#card-payment-submit")
    page.wait_for_url(f"{fake_stripe.url}/3ds/**")
    page.click("#approve")

    expect(page.locator(".card-payment-result")).to_contain_text(
        f"Đã nhận thanh toán {total} cho đơn hàng {order.number}"
    )
    order.refresh_from_db()
    assert order.status == "paid"
    assert fake_stripe.intents[intent["id"]]["status"] == "succeeded"
    assert fake_stripe.intents[intent["id"]]["amount_received"] == int(order.total_incl_tax)
    paid = order.payment_events.get()
    assert (paid.amount, paid.reference) == (order.total_incl_tax, intent["id"])
    assert StockRecord.objects.get(product=product).num_allocated == 1

    # Stripe's webhooks arrive too, signed; each is processed once, none changes the order.
    assert fake_stripe.wait_for_deliveries(timeout=15)
    assert {status for _type, status in fake_stripe.delivered} == {200}
    assert StripeEvent.objects.count() == len(fake_stripe.events)
    order.refresh_from_db()
    assert order.status == "paid"
    assert order.payment_events.count() == 1

    page.click("text=Xem đơn hàng của bạn")
    page.wait_for_url(re.compile(r"/checkout/thank-you/"))
    expect(page.locator("body")).to_contain_text(order.number)
    assert page.external_requests == []
