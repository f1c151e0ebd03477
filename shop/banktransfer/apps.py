from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BankTransferConfig(AppConfig):
    name = "shop.banktransfer"
    label = "banktransfer"
    verbose_name = _("Bank transfer (VietQR)")
