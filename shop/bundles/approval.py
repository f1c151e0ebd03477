"""Staff approval of gift bundles, and whether a bundle is on sale.

A bundle is sold only when staff approved its current version (``GiftBundle.approval``) and
its price is not below the minimum share of its components' price (``BundleSettings``,
checked live from the components' prices at sale time). A bundle whose components' prices
moved so that it breaks the minimum is not sold until someone fixes its price (it is not
re-priced behind anyone's back: a fixed price is what staff approved). The shop's strategy
(``shop.bundles.strategy``) makes such a bundle unavailable, so it cannot be added to a
basket and a basket line of it is refused when the order is placed; listings leave out the
bundles waiting for approval (``listed``).
"""

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from .catalog import components_of
from .models import GiftBundle
from .pricing import below_floor, components_total

Approval = GiftBundle.Approval

BUNDLE_APPROVED = "BUNDLE_APPROVED"
BUNDLE_REJECTED = "BUNDLE_REJECTED"

WAITING = gettext_lazy("This gift bundle is waiting for the marketplace's approval.")
REJECTED = gettext_lazy("This gift bundle is not on sale.")
BELOW_FLOOR = gettext_lazy("This gift bundle is not on sale while its price is being revised.")
VERSION_CHANGED = gettext_lazy(
    "The bundle was changed since you opened it: check the new version, then decide again."
)
NOT_PENDING = gettext_lazy("This bundle is not waiting for a decision.")
REASON_NEEDED = gettext_lazy("Give the producer the reason for the rejection.")


def price_terms(bundle):
    """What the price of ``bundle`` depends on: a change of these is a new version."""
    components = sorted(bundle.components.values_list("product_id", "quantity"))
    fixed = bundle.pricing == GiftBundle.Pricing.FIXED
    return (
        bundle.pricing,
        int(bundle.fixed_price) if fixed and bundle.fixed_price else None,
        0 if fixed else int(bundle.discount_percent or 0),
        0 if fixed else int(bundle.discount_amount or 0),
        tuple(components),
    )


def new_version(bundle, *, by_staff, actor=None, first=False):
    """Record a new version of ``bundle``'s price terms (``first`` for a new bundle): live
    when staff made it, waiting for approval when a producer did."""
    if not first:
        bundle.approval_version += 1
    bundle.approval_note = ""
    if by_staff:
        bundle.approval = Approval.APPROVED
        bundle.reviewed_by = actor if actor is not None and actor.is_authenticated else None
        bundle.date_reviewed = timezone.now()
    else:
        bundle.approval = Approval.PENDING
        bundle.reviewed_by = None
        bundle.date_reviewed = None
    bundle.save(
        update_fields=[
            "approval",
            "approval_version",
            "approval_note",
            "reviewed_by",
            "date_reviewed",
        ]
    )


def listed():
    """Products that may be listed: not bundles, or bundles whose version staff approved."""
    return Q(gift_bundle__isnull=True) | Q(gift_bundle__approval=Approval.APPROVED)


def sale_problem(product, stockrecord, percent):
    """Why the bundle ``product`` is not sold from ``stockrecord`` (a shopper's message), or
    None when it is. ``percent`` is the minimum share of its components' price."""
    try:
        bundle = product.gift_bundle
    except GiftBundle.DoesNotExist:
        return REJECTED
    if bundle.approval == Approval.PENDING:
        return WAITING
    if bundle.approval != Approval.APPROVED:
        return REJECTED
    total = components_total(components_of(product))
    if below_floor(stockrecord.price, total, percent):
        return BELOW_FLOOR
    return None


def decide(bundle_pk, *, approve, user, version, reason=""):
    """Staff approve or reject the version ``version`` of a bundle waiting for approval (or
    reject an approved one); the producer who built it is told through the outbox.

    Raises ValueError (nothing changes) when the bundle changed since staff saw it, is not
    waiting for this decision, or a rejection has no reason.
    """
    reason = (reason or "").strip()
    if not approve and not reason:
        raise ValueError(REASON_NEEDED)
    with transaction.atomic():
        bundle = GiftBundle.objects.select_for_update().select_related("product").get(pk=bundle_pk)
        if str(bundle.approval_version) != str(version):
            raise ValueError(VERSION_CHANGED)
        target = Approval.APPROVED if approve else Approval.REJECTED
        if bundle.approval == target:
            raise ValueError(NOT_PENDING)
        bundle.approval = target
        bundle.approval_note = "" if approve else reason[:500]
        bundle.reviewed_by = user
        bundle.date_reviewed = timezone.now()
        bundle.save(update_fields=["approval", "approval_note", "reviewed_by", "date_reviewed"])
        if bundle.owner_id:
            tell_producer(bundle)
    return bundle


def tell_producer(bundle):
    """Record the decision's message to the producer who built ``bundle`` (outbox)."""
    from shop.notifications import services as notifications

    approved = bundle.approval == Approval.APPROVED
    event = BUNDLE_APPROVED if approved else BUNDLE_REJECTED
    notifications.record(
        event,
        f"{bundle.pk}:{bundle.approval_version}",
        notifications.producer_recipients(bundle.owner),
        partner=bundle.owner,
        context={
            "bundle": bundle.pk,
            "title": bundle.product.get_title(),
            "reason": bundle.approval_note,
            "url": notifications.site_url() + reverse("dashboard:bundle-update", args=[bundle.pk]),
        },
    )


def status_message(bundle):
    """The bundle's approval status in words, for the dashboard."""
    if bundle.approval == Approval.PENDING:
        return gettext("Waiting for staff approval: not sold until approved.")
    if bundle.approval == Approval.REJECTED:
        return gettext("Rejected: not sold.")
    return gettext("Approved.")


def pending_count():
    return GiftBundle.objects.filter(approval=Approval.PENDING).count()
