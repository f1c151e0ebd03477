"""Who may review a product: a signed-in buyer who received it, once.

Received means an order of theirs has a line of the product (or of one of its variants), or
a gift bundle line holding it, whose status is delivered. The rule is used by the product
page (to say why someone cannot review), by the review views (which refuse everyone else)
and by ``Product.is_review_permitted``.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

DELIVERED = "delivered"

NOT_SIGNED_IN = _("Sign in to review this product: only buyers who received it may review it.")
NOT_RECEIVED = _(
    "Only buyers who received this product may review it: you can review it once an order "
    "of yours holding it has been delivered."
)
ALREADY_REVIEWED = _("You have already reviewed this product: each buyer reviews a product once.")


def received(user, product):
    """Whether an order of ``user`` with ``product`` (a variant of it, or a gift bundle
    holding it) has been delivered."""
    Line = get_model("order", "Line")
    products = Q(product=product) | Q(product__parent=product)
    components = Q(bundle_components__product=product) | Q(
        bundle_components__product__parent=product
    )
    return Line.objects.filter(products | components, order__user=user, status=DELIVERED).exists()


def has_reviewed(user, product):
    ProductReview = get_model("reviews", "ProductReview")
    return ProductReview.objects.filter(product=product, user=user).exists()


def refusal(product, user):
    """Why ``user`` may not review ``product`` (a message), or None when they may."""
    if user is None or not user.is_authenticated:
        return NOT_SIGNED_IN
    if has_reviewed(user, product):
        return ALREADY_REVIEWED
    if not received(user, product):
        return NOT_RECEIVED
    return None
