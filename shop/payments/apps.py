from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    """Card payments through Stripe: gateway, payment records, webhook, refunds."""

    name = "shop.payments"
    label = "payments_ocop"
    verbose_name = _("Card payments")
    default_auto_field = "django.db.models.AutoField"
