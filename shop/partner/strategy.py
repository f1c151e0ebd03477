"""Pricing and availability strategies.

Everyone gets ``Default`` (first stock record, stock required, the stock record's price,
which includes VAT; products hidden from the shop unavailable; gift bundles' availability
computed from their components, from ``shop.bundles.strategy``). Buyers of a verified business get ``Wholesale``: ``Default`` plus the
``WholesalePricing`` and ``WholesaleQuantities`` mixins (tier prices by line quantity, before
VAT with VAT on top; minimum order quantity and case size). Extra behaviour is added as
mixins in front of the classes below, so both strategies compose.
"""

from decimal import ROUND_HALF_UP
from decimal import Decimal as D

from oscar.apps.partner import strategy as oscar_strategy
from oscar.core.loading import get_class

from shop.bundles.strategy import BundleAvailability

FixedPrice = get_class("partner.prices", "FixedPrice")
UnavailablePrice = get_class("partner.prices", "Unavailable")
AvailabilityBase = get_class("partner.availability", "Base")
Unavailable = get_class("partner.availability", "Unavailable")
StockRequiredAvailability = get_class("partner.availability", "StockRequired")


def whole_dong(amount):
    return D(amount).quantize(D("1"), rounding=ROUND_HALF_UP)


class QuantityRulesAvailability(AvailabilityBase):
    """Wraps an availability policy and adds a minimum order quantity and a case size."""

    def __init__(self, inner, product, min_quantity=1, case_size=1):
        self.inner = inner
        self.product = product
        self.min_quantity = min_quantity or 1
        self.case_size = case_size or 1

    def __getattr__(self, name):
        return getattr(self.inner, name)

    @property
    def code(self):
        return self.inner.code

    @property
    def message(self):
        return self.inner.message

    @property
    def short_message(self):
        return self.inner.short_message

    @property
    def is_available_to_buy(self):
        return self.inner.is_available_to_buy

    def is_purchase_permitted(self, quantity):
        from shop.wholesale.services import quantity_problem

        permitted, reason = self.inner.is_purchase_permitted(quantity)
        if not permitted:
            return permitted, reason
        problem = quantity_problem(self.product, quantity, self.min_quantity, self.case_size)
        if problem:
            return False, problem
        return True, None


class WholesalePricing:
    """Pricing mixin for business buyers: the price tier matching the quantity, before VAT,
    with VAT at the product's rate on top. Below the first tier the retail price applies
    (it includes VAT, which is split out)."""

    #: A strategy with this attribute set lets a basket hold that many items.
    max_basket_quantity = None

    def wholesale_price(self, product, stockrecord, quantity=1):
        from shop.wholesale import services

        if not stockrecord or stockrecord.price is None:
            return UnavailablePrice()
        rate = services.vat_rate(stockrecord) / D("100")
        override = self.price_overrides.get(stockrecord.pk) if self.price_overrides else None
        tier = services.tier_for(stockrecord, quantity)
        if override is not None:
            excl_tax = D(override)
            tax = whole_dong(excl_tax * rate)
        elif tier is not None:
            excl_tax = tier.price_excl_tax
            tax = whole_dong(excl_tax * rate)
        else:
            excl_tax = whole_dong(stockrecord.price / (1 + rate))
            tax = stockrecord.price - excl_tax
        return FixedPrice(currency=stockrecord.price_currency, excl_tax=excl_tax, tax=tax)

    def pricing_policy(self, product, stockrecord):
        return self.wholesale_price(product, stockrecord, 1)

    def fetch_for_line(self, line, stockrecord=None):
        stockrecord = stockrecord or line.stockrecord
        info = self.fetch_for_product(line.product, stockrecord)
        if info.stockrecord is None:
            return info
        return oscar_strategy.PurchaseInfo(
            price=self.wholesale_price(line.product, info.stockrecord, line.quantity or 1),
            availability=info.availability,
            stockrecord=info.stockrecord,
        )


class WholesaleQuantities:
    """Availability mixin: business orders respect the minimum quantity and the case size."""

    def availability_policy(self, product, stockrecord):
        from shop.wholesale import services

        policy = super().availability_policy(product, stockrecord)
        if stockrecord is None:
            return policy
        terms = services.terms_for(stockrecord)
        if terms is None:
            return policy
        return QuantityRulesAvailability(policy, product, terms.min_quantity, terms.case_size)


class NamedStockRequired(StockRequiredAvailability):
    """Oscar's "stock required" policy whose refusal names the product: "<title> has just
    sold out…" (or how many are left), for adding to a basket, changing a basket line and the
    checkout's last look at the basket, as at placement (``shop.checkout.stock``)."""

    def __init__(self, num_available, product):
        super().__init__(num_available)
        self.product = product

    def is_purchase_permitted(self, quantity):
        from shop.checkout.stock import sold_out_message

        permitted, reason = super().is_purchase_permitted(quantity)
        if permitted:
            return permitted, reason
        return False, sold_out_message(self.product, max(0, self.num_available))


class NamedSoldOutMessages:
    """Availability mixin: stock-limited products (gift bundles too) get ``NamedStockRequired``."""

    def availability_policy(self, product, stockrecord):
        policy = super().availability_policy(product, stockrecord)
        if type(policy) is StockRequiredAvailability:
            return NamedStockRequired(policy.num_available, product)
        return policy


class PublicProductsOnly:
    """Availability mixin: a product hidden from the shop (or whose parent is) cannot be
    bought, whether by a stale page, a direct ``/basket/add/`` post or a line already in a
    basket; a gift bundle with a hidden component is sold out (``shop.bundles.services``)."""

    def availability_policy(self, product, stockrecord):
        if not is_for_sale(product):
            return Unavailable()
        return super().availability_policy(product, stockrecord)


def is_for_sale(product):
    if not product.is_public:
        return False
    return product.parent_id is None or product.parent.is_public


class Default(
    PublicProductsOnly,
    NamedSoldOutMessages,
    BundleAvailability,
    oscar_strategy.UseFirstStockRecord,
    oscar_strategy.StockRequired,
    oscar_strategy.NoTax,
    oscar_strategy.Structured,
):
    """Retail: the first stock record, stock required (a refusal names the product), its price
    (VAT included)."""


class Wholesale(WholesalePricing, WholesaleQuantities, Default):
    """A verified business's buyer: tier prices, MOQ and case sizes."""

    def __init__(self, request=None, business=None, price_overrides=None):
        super().__init__(request)
        from django.conf import settings

        self.business = business
        self.price_overrides = price_overrides or {}
        self.max_basket_quantity = settings.WHOLESALE_MAX_BASKET_QUANTITY


class Selector:
    """Verified business buyers get the wholesale strategy; everyone else the retail one."""

    def strategy(self, request=None, user=None, **kwargs):
        from shop.wholesale.services import verified_business_for

        if user is None and request is not None:
            user = getattr(request, "user", None)
        business = verified_business_for(user)
        if business is not None:
            return Wholesale(request, business=business)
        return Default(request)
