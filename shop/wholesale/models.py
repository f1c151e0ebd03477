"""Wholesale: business accounts, price tiers, business orders, VAT invoices and quotes."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .taxcode import validate_tax_code


class BusinessStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


class PaymentTerms(models.TextChoices):
    PREPAID = "prepaid", _("Prepaid")
    NET_15 = "net15", _("Net 15 days on invoice")
    NET_30 = "net30", _("Net 30 days on invoice")


TERM_DAYS = {PaymentTerms.PREPAID: 0, PaymentTerms.NET_15: 15, PaymentTerms.NET_30: 30}


class BusinessKind(models.TextChoices):
    SUPERMARKET = "supermarket", _("Supermarket")
    SHOP_CHAIN = "shop_chain", _("Shop chain")
    HOTEL = "hotel", _("Hotel or restaurant")
    CORPORATE = "corporate", _("Corporate gift buyer")
    OTHER = "other", _("Other business")


class Business(models.Model):
    """A company buying wholesale; wholesale terms apply once staff verified it."""

    name = models.CharField(_("Company name"), max_length=255)
    kind = models.CharField(
        _("Kind of business"), max_length=20, choices=BusinessKind.choices, default="other"
    )
    tax_code = models.CharField(
        _("Tax code"), max_length=14, unique=True, validators=[validate_tax_code]
    )
    billing_address = models.TextField(_("Billing address"))
    email = models.EmailField(_("Invoice email"))
    phone = models.CharField(_("Phone"), max_length=20, blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=BusinessStatus.choices, default="pending"
    )
    payment_terms = models.CharField(
        _("Payment terms"), max_length=10, choices=PaymentTerms.choices, default="prepaid"
    )
    credit_limit = models.DecimalField(
        _("Credit limit"),
        max_digits=14,
        decimal_places=0,
        default=Decimal("0"),
        validators=[MinValueValidator(0)],
    )
    staff_note = models.TextField(_("Staff note"), blank=True)
    created = models.DateTimeField(_("Registered"), auto_now_add=True)
    verified_at = models.DateTimeField(_("Verified at"), null=True, blank=True)
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="BusinessBuyer", related_name="businesses"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("Business")
        verbose_name_plural = _("Businesses")

    def __str__(self):
        return self.name

    @property
    def is_verified(self):
        return self.status == BusinessStatus.VERIFIED

    @property
    def on_net_terms(self):
        return self.is_verified and self.payment_terms != PaymentTerms.PREPAID

    @property
    def term_days(self):
        return TERM_DAYS.get(self.payment_terms, 0)


class BuyerRole(models.TextChoices):
    ADMIN = "admin", _("Account manager")
    BUYER = "buyer", _("Buyer")


class BusinessBuyer(models.Model):
    """A user buying for a business (a user buys for one business)."""

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="buyers")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="business_buyer"
    )
    role = models.CharField(_("Role"), max_length=10, choices=BuyerRole.choices, default="buyer")

    class Meta:
        verbose_name = _("Business buyer")
        verbose_name_plural = _("Business buyers")

    def __str__(self):
        return f"{self.user} ({self.business})"


class Store(models.Model):
    """A delivery address of a business (one of its stores)."""

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="stores")
    name = models.CharField(_("Store name"), max_length=120)
    address = models.TextField(_("Delivery address"))
    contact_name = models.CharField(_("Contact person"), max_length=120, blank=True)
    phone = models.CharField(_("Phone"), max_length=20, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Store")
        verbose_name_plural = _("Stores")

    def __str__(self):
        return self.name


class WholesaleTerms(models.Model):
    """Per stock record: minimum order quantity, case size and VAT rate for business buyers."""

    stockrecord = models.OneToOneField(
        "partner.StockRecord", on_delete=models.CASCADE, related_name="wholesale_terms"
    )
    min_quantity = models.PositiveIntegerField(
        _("Minimum order quantity"), default=1, validators=[MinValueValidator(1)]
    )
    case_size = models.PositiveIntegerField(
        _("Case size"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("Business orders are in multiples of this quantity."),
    )
    vat_rate = models.DecimalField(
        _("VAT rate (%)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Empty: the default VAT rate."),
    )

    class Meta:
        verbose_name = _("Wholesale terms")
        verbose_name_plural = _("Wholesale terms")


class PriceTier(models.Model):
    """From ``min_quantity`` units on, a business buyer pays ``price_excl_tax`` per unit."""

    stockrecord = models.ForeignKey(
        "partner.StockRecord", on_delete=models.CASCADE, related_name="price_tiers"
    )
    min_quantity = models.PositiveIntegerField(
        _("From quantity"), validators=[MinValueValidator(1)]
    )
    price_excl_tax = models.DecimalField(
        _("Unit price before VAT"),
        max_digits=12,
        decimal_places=0,
        validators=[MinValueValidator(1)],
    )

    class Meta:
        ordering = ["stockrecord", "min_quantity"]
        constraints = [
            models.UniqueConstraint(
                fields=["stockrecord", "min_quantity"], name="wholesale_tier_unique_quantity"
            )
        ]
        verbose_name = _("Price tier")
        verbose_name_plural = _("Price tiers")

    def __str__(self):
        return f"{self.min_quantity}+: {self.price_excl_tax}"


class BusinessOrder(models.Model):
    """What a business order adds to Oscar's order: PO number, delivery date, store, terms."""

    order = models.OneToOneField(
        "order.Order", on_delete=models.CASCADE, related_name="business_order"
    )
    business = models.ForeignKey(Business, on_delete=models.PROTECT, related_name="orders")
    po_number = models.CharField(_("Purchase order number"), max_length=64)
    delivery_date = models.DateField(_("Requested delivery date"), null=True, blank=True)
    store = models.ForeignKey(
        Store, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("Store")
    )
    payment_terms = models.CharField(
        _("Payment terms"), max_length=10, choices=PaymentTerms.choices
    )

    class Meta:
        verbose_name = _("Business order")
        verbose_name_plural = _("Business orders")

    def __str__(self):
        return f"{self.order.number} / {self.po_number}"

    @property
    def on_account(self):
        return self.payment_terms != PaymentTerms.PREPAID


class InvoiceCounter(models.Model):
    """The last VAT invoice number issued; locked while the next one is taken."""

    name = models.CharField(max_length=20, unique=True)
    last_number = models.PositiveIntegerField(default=0)


class InvoiceStatus(models.TextChoices):
    UNPAID = "unpaid", _("Unpaid")
    PAID = "paid", _("Paid")
    CANCELLED = "cancelled", _("Cancelled")


class Invoice(models.Model):
    """The VAT invoice of a business order; numbers run without gaps."""

    business_order = models.OneToOneField(
        BusinessOrder, on_delete=models.PROTECT, related_name="invoice"
    )
    number = models.PositiveIntegerField(_("Invoice number"), unique=True)
    issued_at = models.DateTimeField(_("Issued"), default=timezone.now)
    due_date = models.DateField(_("Due date"))
    total_excl_tax = models.DecimalField(max_digits=14, decimal_places=0)
    total_tax = models.DecimalField(max_digits=14, decimal_places=0)
    total_incl_tax = models.DecimalField(_("Total"), max_digits=14, decimal_places=0)
    amount_paid = models.DecimalField(
        _("Paid"), max_digits=14, decimal_places=0, default=Decimal("0")
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=InvoiceStatus.choices, default="unpaid"
    )
    last_reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("VAT invoice")
        verbose_name_plural = _("VAT invoices")

    def __str__(self):
        return self.display_number

    @property
    def display_number(self):
        return f"{settings.INVOICE_SERIES}-{self.number:07d}"

    @property
    def amount_due(self):
        return max(Decimal("0"), self.total_incl_tax - self.amount_paid)

    @property
    def is_overdue(self):
        return self.status == InvoiceStatus.UNPAID and self.due_date < timezone.localdate()

    @property
    def days_overdue(self):
        if not self.is_overdue:
            return 0
        return (timezone.localdate() - self.due_date).days


class InvoicePayment(models.Model):
    """A payment staff recorded against an invoice."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payments")
    amount = models.DecimalField(
        _("Amount"), max_digits=14, decimal_places=0, validators=[MinValueValidator(1)]
    )
    paid_on = models.DateField(_("Paid on"), default=datetime.date.today)
    reference = models.CharField(_("Reference"), max_length=100)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["paid_on", "pk"]


class QuoteStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ANSWERED = "answered", _("Answered")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Quote(models.Model):
    """A request for quotation and its answer (a unit price valid until a date)."""

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="quotes")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    stockrecord = models.ForeignKey(
        "partner.StockRecord", on_delete=models.CASCADE, related_name="quotes"
    )
    quantity = models.PositiveIntegerField(_("Quantity"), validators=[MinValueValidator(1)])
    message = models.TextField(_("What you need (terms, packing, delivery)"), blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=QuoteStatus.choices, default="requested"
    )
    unit_price_excl_tax = models.DecimalField(
        _("Quoted unit price before VAT"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
    )
    valid_until = models.DateField(_("Valid until"), null=True, blank=True)
    answer = models.TextField(_("Answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    order = models.ForeignKey(
        "order.Order", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("Quote")
        verbose_name_plural = _("Quotes")

    @property
    def product(self):
        return self.stockrecord.product

    @property
    def is_open_offer(self):
        return (
            self.status == QuoteStatus.ANSWERED
            and self.valid_until is not None
            and self.valid_until >= timezone.localdate()
        )
