from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from shop.core.settings_models import StaffSettings


class CardPayment(models.Model):
    """One Stripe PaymentIntent for an order (an order may have several attempts).

    The client secret is never stored: it is read from Stripe when the payment page needs it.
    """

    class Status(models.TextChoices):
        REQUIRES_PAYMENT_METHOD = (
            "requires_payment_method",
            pgettext_lazy("card payment status", "Waiting for card details"),
        )
        REQUIRES_CONFIRMATION = (
            "requires_confirmation",
            pgettext_lazy("card payment status", "Waiting for confirmation"),
        )
        REQUIRES_ACTION = (
            "requires_action",
            pgettext_lazy("card payment status", "Waiting for 3-D Secure"),
        )
        PROCESSING = "processing", pgettext_lazy("card payment status", "Processing")
        REQUIRES_CAPTURE = "requires_capture", pgettext_lazy("card payment status", "Authorised")
        SUCCEEDED = "succeeded", pgettext_lazy("card payment status", "Paid")
        CANCELED = "canceled", pgettext_lazy("card payment status", "Cancelled")

    order = models.ForeignKey(
        "order.Order", on_delete=models.PROTECT, related_name="card_payments", null=True
    )
    order_number = models.CharField(_("Order number"), max_length=128, db_index=True)
    intent_id = models.CharField(_("PaymentIntent"), max_length=255, unique=True)
    idempotency_key = models.CharField(max_length=255, unique=True)
    attempt = models.PositiveIntegerField(default=1)
    status = models.CharField(
        _("Status"), max_length=40, choices=Status.choices, default=Status.REQUIRES_PAYMENT_METHOD
    )
    currency = models.CharField(max_length=3, default="VND")
    amount = models.DecimalField(_("Amount"), max_digits=14, decimal_places=0)
    amount_captured = models.DecimalField(max_digits=14, decimal_places=0, default=Decimal(0))
    amount_refunded = models.DecimalField(max_digits=14, decimal_places=0, default=Decimal(0))
    last_error = models.CharField(max_length=255, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["order_number", "attempt"], name="payments_ocop_one_intent_per_attempt"
            )
        ]
        verbose_name = _("Card payment")
        verbose_name_plural = _("Card payments")

    def __str__(self):
        return f"{self.order_number} {self.intent_id} ({self.status})"

    @property
    def refundable(self):
        """Captured, less what was refunded and what refunds still under way would return."""
        return self.amount_captured - self.amount_refunded - self.amount_refund_pending

    @property
    def amount_refund_pending(self):
        waiting = (CardRefund.Status.PENDING, CardRefund.Status.REQUIRES_ACTION)
        total = self.refunds.filter(status__in=waiting).aggregate(total=models.Sum("amount"))
        return total["total"] or Decimal(0)

    @property
    def fully_refunded(self):
        return self.amount_captured > 0 and self.amount_refunded >= self.amount_captured


class StripeEvent(models.Model):
    """A webhook event received from Stripe. The unique event id makes processing idempotent."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100, db_index=True)
    created = models.DateTimeField(null=True)
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True)
    result = models.CharField(max_length=255, blank=True)
    attempts = models.PositiveIntegerField(_("failed attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")

    def __str__(self):
        return f"{self.event_id} {self.type}"


class PaymentSettings(StaffSettings):
    """The payment options staff set in the dashboard (one row).

    Created on first use with the ceiling from the COD_MAX_ORDER_TOTAL environment variable.
    """

    cod_enabled = models.BooleanField(_("Offer cash on delivery"), default=True)
    cod_max_order_total = models.DecimalField(
        _("Cash on delivery up to (order total, dong)"),
        max_digits=12,
        decimal_places=0,
        validators=[MinValueValidator(0), MaxValueValidator(10**11)],
        help_text=_("Orders above this total must be paid by bank transfer or card."),
    )

    class Meta:
        verbose_name = _("payment settings")
        verbose_name_plural = _("payment settings")

    @classmethod
    def initial_values(cls):
        return {"cod_max_order_total": settings.COD_MAX_ORDER_TOTAL}


class PaymentMismatch(models.Model):
    """Money that arrived but did not pay its order: an intent the order did not create, or
    one whose amount or currency is not the order's total. The order stays unpaid; staff
    see the row (order page, dashboard list) and refund it."""

    class Kind(models.TextChoices):
        UNKNOWN_INTENT = "unknown_intent", _("Payment the order did not create")
        WRONG_AMOUNT = "wrong_amount", _("Amount differs from the order total")
        WRONG_CURRENCY = "wrong_currency", _("Currency differs from the order's")
        ALREADY_PAID = "already_paid", _("The order was already paid by another payment")

    kind = models.CharField(_("Kind"), max_length=20, choices=Kind.choices)
    intent_id = models.CharField(_("PaymentIntent"), max_length=255, db_index=True)
    order = models.ForeignKey(
        "order.Order",
        on_delete=models.PROTECT,
        related_name="card_payment_mismatches",
        null=True,
        blank=True,
    )
    amount = models.BigIntegerField(_("Amount received"))
    currency = models.CharField(_("Currency"), max_length=3)
    intent_status = models.CharField(_("Stripe status"), max_length=40)
    received_at = models.DateTimeField(_("Received"), auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["intent_id", "kind"], name="payments_ocop_one_mismatch_per_intent_kind"
            )
        ]
        verbose_name = _("Mismatched card payment")
        verbose_name_plural = _("Mismatched card payments")

    def __str__(self):
        return f"{self.intent_id} {self.kind} {self.amount} {self.currency}"


class CardRefund(models.Model):
    """One Stripe refund of a card payment, with its real status. Only a succeeded refund is
    money returned (counted in ``CardPayment.amount_refunded``)."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("refund status", "Pending")
        REQUIRES_ACTION = "requires_action", pgettext_lazy("refund status", "Needs action")
        SUCCEEDED = "succeeded", pgettext_lazy("refund status", "Refunded")
        FAILED = "failed", pgettext_lazy("refund status", "Failed")
        CANCELED = "canceled", pgettext_lazy("refund status", "Cancelled")

    refund_id = models.CharField(_("Refund"), max_length=255, unique=True)
    payment = models.ForeignKey(CardPayment, on_delete=models.PROTECT, related_name="refunds")
    amount = models.DecimalField(_("Amount"), max_digits=14, decimal_places=0)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices)
    failure_reason = models.CharField(_("Failure reason"), max_length=100, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("Card refund")
        verbose_name_plural = _("Card refunds")

    def __str__(self):
        return f"{self.refund_id} {self.amount} ({self.status})"
