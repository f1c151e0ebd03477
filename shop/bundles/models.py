"""Gift bundles and gift options.

A gift bundle is a catalogue product of the "gift bundle" product class, sold from a stock
record of the marketplace's own partner. Its components (``BundleComponent``) are other
products, possibly from several producers; its availability is computed from the
components' stock records (never stored), and ordering it allocates the components' stock
(``OrderLineComponent`` records who ships what).
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from shop.core.settings_models import StaffSettings


class Occasion(models.Model):
    """What a gift is for (Tết, Mid-Autumn, corporate gifts, visits…), kept as data."""

    code = models.SlugField(_("Code"), max_length=40, unique=True)
    name = models.CharField(_("Name (Vietnamese)"), max_length=100)
    name_en = models.CharField(_("Name (English)"), max_length=100, blank=True)
    display_order = models.PositiveSmallIntegerField(_("Display order"), default=0)

    class Meta:
        ordering = ["display_order", "code"]
        verbose_name = _("Gift occasion")
        verbose_name_plural = _("Gift occasions")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        if self.name_en and (get_language() or "vi").startswith("en"):
            return self.name_en
        return self.name


class GiftBundle(models.Model):
    class Pricing(models.TextChoices):
        FIXED = "fixed", _("Fixed price")
        COMPONENTS = "components", _("Sum of the components less a discount")

    product = models.OneToOneField(
        "catalogue.Product",
        on_delete=models.CASCADE,
        related_name="gift_bundle",
        verbose_name=_("Product"),
    )
    occasion = models.ForeignKey(
        Occasion, on_delete=models.PROTECT, related_name="bundles", verbose_name=_("Occasion")
    )
    pricing = models.CharField(
        _("Pricing"), max_length=12, choices=Pricing.choices, default=Pricing.COMPONENTS
    )
    fixed_price = models.DecimalField(
        _("Fixed price (₫)"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("1"))],
    )
    discount_percent = models.PositiveSmallIntegerField(
        _("Discount (%)"), default=0, validators=[MaxValueValidator(90)]
    )
    discount_amount = models.DecimalField(
        _("Discount (₫)"),
        max_digits=12,
        decimal_places=0,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    owner = models.ForeignKey(
        "partner.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Built by producer"),
        help_text=_("Empty for bundles built by the marketplace's staff."),
    )
    date_created = models.DateTimeField(auto_now_add=True)
    date_updated = models.DateTimeField(auto_now=True)

    # A bundle built or re-priced by a producer is not sold until staff approve that version
    # (``approval_version`` counts the versions of its price terms); staff's own are live.
    class Approval(models.TextChoices):
        APPROVED = "approved", _("Approved")
        PENDING = "pending", _("Waiting for approval")
        REJECTED = "rejected", _("Rejected")

    approval = models.CharField(
        _("Approval"),
        max_length=10,
        choices=Approval.choices,
        default=Approval.PENDING,
        db_index=True,
    )
    approval_version = models.PositiveIntegerField(_("Version"), default=1)
    approval_note = models.CharField(_("Reason given by staff"), max_length=500, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Approved or rejected by"),
    )
    date_reviewed = models.DateTimeField(_("Approved or rejected on"), null=True, blank=True)

    class Meta:
        ordering = ["-date_created", "pk"]
        verbose_name = _("Gift bundle")
        verbose_name_plural = _("Gift bundles")

    def __str__(self):
        return self.product.get_title()

    def clean(self):
        if self.pricing == self.Pricing.FIXED and not self.fixed_price:
            raise ValidationError({"fixed_price": _("A fixed-price bundle needs its price.")})


class BundleSettings(StaffSettings):
    """The bundle rules staff set in the dashboard (one row): no bundle sells below this
    share of its components' price. Created on first use from ``BUNDLE_MIN_PRICE_PERCENT``."""

    min_price_percent = models.PositiveSmallIntegerField(
        _("Minimum bundle price (% of its components' price)"),
        validators=[MaxValueValidator(100)],
        help_text=_(
            "A bundle whose price is below this share of the sum of its components' prices "
            "cannot be saved, and is not sold while it stays below."
        ),
    )

    class Meta:
        verbose_name = _("Gift bundle settings")
        verbose_name_plural = _("Gift bundle settings")

    @classmethod
    def initial_values(cls):
        return {"min_price_percent": settings.BUNDLE_MIN_PRICE_PERCENT}


class BundleComponent(models.Model):
    bundle = models.ForeignKey(
        GiftBundle, on_delete=models.CASCADE, related_name="components", verbose_name=_("Bundle")
    )
    product = models.ForeignKey(
        "catalogue.Product",
        on_delete=models.PROTECT,
        related_name="in_bundles",
        verbose_name=_("Product"),
    )
    quantity = models.PositiveSmallIntegerField(
        _("Quantity"), default=1, validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    display_order = models.PositiveSmallIntegerField(_("Display order"), default=0)

    class Meta:
        ordering = ["display_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["bundle", "product"], name="unique_bundle_component"),
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1), name="bundle_component_quantity_positive"
            ),
        ]
        verbose_name = _("Bundle component")
        verbose_name_plural = _("Bundle components")

    def __str__(self):
        return f"{self.quantity} × {self.product}"


class OrderLineComponent(models.Model):
    """Stock of one component allocated for a bundle line of an order: who ships what."""

    line = models.ForeignKey(
        "order.Line",
        on_delete=models.CASCADE,
        related_name="bundle_components",
        verbose_name=_("Order line"),
    )
    product = models.ForeignKey(
        "catalogue.Product",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Product"),
    )
    title = models.CharField(_("Product title"), max_length=255)
    stockrecord = models.ForeignKey(
        "partner.StockRecord",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Stock record"),
    )
    partner = models.ForeignKey(
        "partner.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bundle_order_components",
        verbose_name=_("Producer"),
    )
    partner_name = models.CharField(_("Producer name"), max_length=128, blank=True)
    partner_sku = models.CharField(_("Producer SKU"), max_length=128, blank=True)
    quantity = models.PositiveIntegerField(_("Quantity"))
    unit_price = models.DecimalField(
        _("Unit price (₫)"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    # Empty while the component waits for its producer; "shipped" once the producer has
    # sent it (the bundle line is shipped when all its components are). The bundle line's
    # own status wins once it is closed (shipped, delivered or cancelled by staff).
    status = models.CharField(_("Status"), max_length=20, blank=True, default="")

    CLOSED_LINE_STATUSES = ("shipped", "delivered", "cancelled")

    class Meta:
        ordering = ["line", "partner_name", "pk"]
        verbose_name = _("Bundle component of an order line")
        verbose_name_plural = _("Bundle components of order lines")

    def __str__(self):
        return f"{self.quantity} × {self.title} ({self.partner_name})"

    @property
    def effective_status(self):
        """What the producer sees: "shipped" once this component has left (even if the
        order was cancelled afterwards), else the bundle line's status; "delivered" once
        the line is."""
        if self.status == "shipped" and self.line.status != "delivered":
            return "shipped"
        if self.line.status in self.CLOSED_LINE_STATUSES:
            return self.line.status
        return self.status or self.line.status

    @property
    def is_closed(self):
        return self.effective_status in self.CLOSED_LINE_STATUSES

    @property
    def line_price(self):
        if self.unit_price is None:
            return None
        return self.unit_price * self.quantity


class GiftWrapping(models.Model):
    """The gift-wrapping option offered at checkout and its price (staff set it)."""

    name = models.CharField(_("Name"), max_length=100, default="Gói quà")
    price = models.DecimalField(
        _("Price (₫)"),
        max_digits=12,
        decimal_places=0,
        default=Decimal("30000"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    is_active = models.BooleanField(_("Offered at checkout"), default=True)

    class Meta:
        verbose_name = _("Gift wrapping")
        verbose_name_plural = _("Gift wrapping")

    def __str__(self):
        return self.name


class GiftOptions(models.Model):
    """The gift options a buyer chose for an order."""

    order = models.OneToOneField(
        "order.Order",
        on_delete=models.CASCADE,
        related_name="gift_options",
        verbose_name=_("Order"),
    )
    message = models.TextField(_("Gift message"), max_length=500, blank=True)
    sender_name = models.CharField(_("From"), max_length=100, blank=True)
    wrapping = models.BooleanField(_("Gift wrapping"), default=False)
    wrapping_price = models.DecimalField(
        _("Gift wrapping price (₫)"), max_digits=12, decimal_places=0, default=Decimal("0")
    )
    recipient_is_other = models.BooleanField(
        _("Delivered to someone other than the buyer"), default=False
    )
    hide_prices = models.BooleanField(_("Hide prices on the packing slip"), default=True)
    date_created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Gift options")
        verbose_name_plural = _("Gift options")

    def __str__(self):
        return str(self.order)
