from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.abstract_models import AbstractWeightBased


class WeightBased(AbstractWeightBased):
    """Home delivery priced by weight bands, free from a basket total staff set."""

    free_shipping_threshold = models.DecimalField(
        _("Free shipping from (basket total)"),
        decimal_places=0,
        max_digits=12,
        null=True,
        blank=True,
        help_text=_("Delivery is free when the basket total reaches this amount. Empty: never."),
    )


from oscar.apps.shipping.models import *  # noqa: E402, F403
