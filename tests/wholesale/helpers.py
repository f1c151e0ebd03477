"""Businesses, buyers and wholesale products for the wholesale tests."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from shop.wholesale import services
from shop.wholesale.models import Business, BusinessBuyer, Store
from tests import factories

StockRecord = get_model("partner", "StockRecord")

# Real, check-digit-valid tax codes of well-known companies (public registry data).
TAX_CODES = ["0100109106", "0300588569", "0101248141"]
RETAIL = Decimal("120000")
TIERS = [(1, Decimal("100000")), (50, Decimal("90000")), (200, Decimal("80000"))]


def valid_tax_code(n):
    """The n-th made-up tax code with a correct check digit."""
    from shop.wholesale.taxcode import check_digit

    found = 0
    for prefix in range(430000000, 439999999):
        digits = str(prefix)
        digit = check_digit(digits)
        if digit < 10:
            if found == n:
                return f"{digits}{digit}"
            found += 1
    raise ValueError(n)


def user(email="mua@sieuthi.vn", password="mat-khau-123"):
    User = get_user_model()
    account = User.objects.create_user(username=email.split("@")[0], email=email, password=password)
    return account


def business(
    status="verified",
    terms="net30",
    credit_limit=Decimal("50000000"),
    tax_code=None,
    buyer=None,
    name="Siêu thị Sông Trà",
):
    company = Business.objects.create(
        name=name,
        kind="supermarket",
        tax_code=tax_code or TAX_CODES[0],
        billing_address="25 Quang Trung, phường Lê Hồng Phong\nTP. Quảng Ngãi",
        email="ketoan@sieuthi.vn",
        phone="0255 3822 123",
        status=status,
        payment_terms=terms,
        credit_limit=credit_limit,
    )
    if buyer is not None:
        BusinessBuyer.objects.create(business=company, user=buyer, role="admin")
    Store.objects.create(
        business=company,
        name="Cửa hàng Lê Lợi",
        address="12 Lê Lợi, TP. Quảng Ngãi",
        phone="0912345678",
    )
    return company


def wholesale_product(
    sku="MN-THIPHO",
    title="Mạch nha Thi Phổ",
    num_in_stock=1000,
    min_quantity=12,
    case_size=6,
    vat_rate=None,
    tiers=TIERS,
):
    product = factories.ProductFactory(title=title)
    record = factories.StockRecordFactory(
        product=product, partner_sku=sku, price=RETAIL, num_in_stock=num_in_stock
    )
    services.replace_tiers(
        record, tiers, min_quantity=min_quantity, case_size=case_size, vat_rate=vat_rate
    )
    return product
