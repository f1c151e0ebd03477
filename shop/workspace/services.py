"""Business rules of the producer workspace.

Scoping: a producer's users are the users of its Oscar partner (``partner.users``) holding the
``partner.dashboard_access`` permission. Everything a producer sees or changes is reached
through ``partners_of(user)``; other producers' objects are simply not found (404).
"""

import csv
import datetime
import io
import logging
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, DecimalField, F, Q, Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.bundles.models import OrderLineComponent
from shop.checkout.services import consume_shipped, status_label
from shop.core import csvfiles
from shop.producers.models import Producer

from .models import Invitation, ProducerApplication, Shipment, StockImport

logger = logging.getLogger(__name__)

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
Order = get_model("order", "Order")
Line = get_model("order", "Line")
ShippingEvent = get_model("order", "ShippingEvent")
ShippingEventType = get_model("order", "ShippingEventType")
ShippingEventQuantity = get_model("order", "ShippingEventQuantity")

DASHBOARD_ACCESS = ("partner", "dashboard_access")
INVITATION_SALT = "shop.workspace.invitation"
INVITATION_MAX_AGE = 14 * 24 * 3600
# Orders whose lines a producer may pack and ship: paid, or cash on delivery (processing).
SHIPPABLE_ORDER_STATUSES = ("paid", "processing")
CLOSED_LINE_STATUSES = ("shipped", "delivered", "cancelled")


class WorkspaceError(Exception):
    """A workspace action refused, with a message for the producer."""


# --- Scoping --------------------------------------------------------------------------------


def is_producer_user(user):
    return (
        user.is_authenticated
        and user.is_active
        and not user.is_staff
        and user.has_perm("partner.dashboard_access")
        and user.partners.exists()
    )


def partners_of(user):
    """The partners (producers) ``user`` acts for; staff act for none here."""
    if not user.is_authenticated:
        return Partner.objects.none()
    return Partner.objects.filter(users=user)


def partner_of(user):
    """The producer partner ``user`` works for (the first, if several), or None."""
    return partners_of(user).order_by("pk").first()


def stockrecords_of(user):
    return StockRecord.objects.filter(partner__in=partners_of(user)).select_related(
        "product", "partner"
    )


def orders_for(user):
    """Orders holding at least one line of ``user``'s producers, or a component of theirs
    in a gift bundle line."""
    partners = partners_of(user)
    return Order.objects.filter(
        pk__in=Line.objects.filter(
            Q(partner__in=partners) | Q(bundle_components__partner__in=partners)
        ).values("order_id")
    )


def own_lines(order, user):
    return order.lines.filter(partner__in=partners_of(user)).select_related(
        "product", "stockrecord"
    )


def own_components(order, user):
    """The components of ``order``'s gift bundles that ``user``'s producers ship."""
    return (
        OrderLineComponent.objects.filter(line__order=order, partner__in=partners_of(user))
        .select_related("line", "product")
        .order_by("line_id", "pk")
    )


def open_lines_and_components(partners):
    """(lines, components) of ``partners`` still to ship in orders that may be shipped."""
    lines = Line.objects.filter(
        partner__in=partners, order__status__in=SHIPPABLE_ORDER_STATUSES
    ).exclude(status__in=CLOSED_LINE_STATUSES)
    components = OrderLineComponent.objects.filter(
        partner__in=partners, line__order__status__in=SHIPPABLE_ORDER_STATUSES, status=""
    ).exclude(line__status__in=CLOSED_LINE_STATUSES)
    return lines, components


def grant_dashboard_access(user):
    app_label, codename = DASHBOARD_ACCESS
    permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
    user.user_permissions.add(permission)
    # Permissions are cached on the user object.
    for attr in ("_perm_cache", "_user_perm_cache"):
        if hasattr(user, attr):
            delattr(user, attr)


def revoke_dashboard_access(user):
    if Partner.objects.filter(users=user).exists():
        return
    app_label, codename = DASHBOARD_ACCESS
    user.user_permissions.remove(
        *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    )


# --- Notifications --------------------------------------------------------------------------


def _send(to, template, context):
    """Send one email rendered from ``workspace/emails/<template>_{subject,body}.txt``."""
    context = {"shop_name": settings.OSCAR_SHOP_NAME, **context}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"workspace/emails/{template}_subject.txt", context)
        body = render_to_string(f"workspace/emails/{template}_body.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [to])


def absolute_url(path):
    return settings.SITE_URL + path


# --- Applications ---------------------------------------------------------------------------


def _pending_locked(application):
    """The application, locked for review; refused once it has been reviewed."""
    application = ProducerApplication.objects.select_for_update().get(pk=application.pk)
    if not application.is_pending:
        raise WorkspaceError(_("This application has already been reviewed."))
    return application


def _record_review(application, status, reviewer, template, url, **fields):
    """Save the decision and tell the applicant by email once it is committed."""
    application.status = status
    application.reviewed_by = reviewer
    application.date_reviewed = timezone.now()
    for name, value in fields.items():
        setattr(application, name, value)
    application.save()
    transaction.on_commit(
        lambda: _send(
            application.applicant.email,
            template,
            {"application": application, "url": absolute_url(url)},
        )
    )
    return application


def approve_application(application, *, reviewer):
    """Approve: create (or link, by tax code) the producer, give the applicant access."""
    with transaction.atomic():
        application = _pending_locked(application)
        producer = Producer.objects.filter(tax_code=application.tax_code).first()
        if producer is None:
            partner = Partner.objects.create(name=application.business_name)
            producer = Producer(
                partner=partner,
                legal_type=application.legal_type,
                tax_code=application.tax_code,
                province=application.province,
                district=application.district,
                commune=application.commune,
                street_address=application.street_address,
                story=application.story,
                representative=application.contact_name,
                phone=application.phone,
                email=application.email,
                verified=True,
            )
            producer.save()
        producer.partner.users.add(application.applicant)
        grant_dashboard_access(application.applicant)
        return _record_review(
            application,
            ProducerApplication.Status.APPROVED,
            reviewer,
            "application_approved",
            reverse("dashboard:index"),
            producer=producer,
        )


def reject_application(application, *, reviewer, reason):
    reason = (reason or "").strip()
    if not reason:
        raise WorkspaceError(_("Give the reason for rejecting the application."))
    with transaction.atomic():
        application = _pending_locked(application)
        return _record_review(
            application,
            ProducerApplication.Status.REJECTED,
            reviewer,
            "application_rejected",
            reverse("workspace:apply"),
            reason=reason,
        )


# --- Invitations ----------------------------------------------------------------------------


def invitation_token(invitation):
    return signing.dumps({"invitation": invitation.pk}, salt=INVITATION_SALT)


def invite(partner, *, email, invited_by):
    email = email.strip().lower()
    if partner.users.filter(email__iexact=email).exists():
        raise WorkspaceError(_("This person already works for the producer."))
    invitation = Invitation.objects.create(partner=partner, email=email, invited_by=invited_by)
    url = absolute_url(
        reverse("workspace:invitation-accept", kwargs={"token": invitation_token(invitation)})
    )
    transaction.on_commit(
        lambda: _send(
            email,
            "invitation",
            {"invitation": invitation, "partner": partner, "url": url, "inviter": invited_by},
        )
    )
    return invitation


def invitation_from_token(token):
    """The open invitation a token stands for; WorkspaceError when invalid or expired."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.SignatureExpired:
        raise WorkspaceError(_("This invitation has expired. Ask for a new one.")) from None
    except signing.BadSignature:
        raise WorkspaceError(_("This invitation link is not valid.")) from None
    invitation = (
        Invitation.objects.select_related("partner").filter(pk=data.get("invitation")).first()
    )
    if invitation is None or not invitation.is_open:
        raise WorkspaceError(_("This invitation is no longer open."))
    return invitation


def accept_invitation(token, user):
    with transaction.atomic():
        invitation = invitation_from_token(token)
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.is_open:
            raise WorkspaceError(_("This invitation is no longer open."))
        if (user.email or "").strip().lower() != invitation.email:
            raise WorkspaceError(
                _("This invitation was sent to %(email)s: sign in with that address.")
                % {"email": invitation.email}
            )
        if user.is_staff:
            raise WorkspaceError(_("Staff accounts cannot join a producer."))
        invitation.partner.users.add(user)
        grant_dashboard_access(user)
        invitation.accepted_by = user
        invitation.date_accepted = timezone.now()
        invitation.save()
    return invitation


def withdraw_invitation(invitation):
    Invitation.objects.filter(pk=invitation.pk, date_accepted__isnull=True).update(revoked=True)


def remove_member(partner, member, *, by):
    if member == by:
        raise WorkspaceError(_("You cannot remove yourself."))
    with transaction.atomic():
        partner.users.remove(member)
        revoke_dashboard_access(member)


# --- Shipments ------------------------------------------------------------------------------


def _check_lines(order, partner, lines, components=()):
    if not lines and not components:
        raise WorkspaceError(_("Select at least one line."))
    if order.status not in SHIPPABLE_ORDER_STATUSES:
        raise WorkspaceError(
            _("This order cannot be shipped yet (status: %(status)s).")
            % {"status": status_label(order.status)}
        )
    for line in lines:
        if line.order_id != order.pk or line.partner_id != partner.pk:
            raise PermissionDenied
        if line.status in CLOSED_LINE_STATUSES:
            raise WorkspaceError(
                _("“%(title)s” is already %(status)s.")
                % {"title": line.title, "status": status_label(line.status)}
            )
    for component in components:
        if component.line.order_id != order.pk or component.partner_id != partner.pk:
            raise PermissionDenied
        if component.is_closed:
            raise WorkspaceError(
                _("“%(title)s” is already %(status)s.")
                % {"title": component.title, "status": status_label(component.effective_status)}
            )


def _component_notes(components):
    return "; ".join(
        _("%(title)s × %(quantity)s (gift bundle “%(bundle)s”)")
        % {"title": c.title, "quantity": c.quantity, "bundle": c.line.title}
        for c in components
    )


def _shipping_event(order, lines, name, notes="", components=()):
    event_type, _created = ShippingEventType.objects.get_or_create(
        code=name.lower(), defaults={"name": name}
    )
    if components:
        notes = " — ".join(part for part in (notes, _component_notes(components)) if part)
    event = ShippingEvent.objects.create(order=order, event_type=event_type, notes=notes)
    for line in lines:
        ShippingEventQuantity.objects.create(event=event, line=line, quantity=line.quantity)
    return event


def _locked(order, lines, components):
    order = Order.objects.select_for_update().get(pk=order.pk)
    lines = list(Line.objects.select_for_update().filter(pk__in=[line.pk for line in lines]))
    components = list(
        OrderLineComponent.objects.select_for_update(of=("self",))
        .select_related("line")
        .filter(pk__in=[c.pk for c in components])
        .order_by("pk")
    )
    return order, lines, components


def mark_lines_packed(order, partner, lines, *, user, components=()):
    """``partner`` packed ``lines`` (its own order lines) and ``components`` (its own
    components of the order's gift bundles) into one parcel."""
    with transaction.atomic():
        order, lines, components = _locked(order, lines, components)
        _check_lines(order, partner, lines, components)
        packed = Shipment.objects.filter(
            order=order, partner=partner, status=Shipment.Status.PACKED
        )
        if (
            packed.filter(lines__in=lines).exists()
            or packed.filter(components__in=components).exists()
        ):
            raise WorkspaceError(
                _("Some of these products are already packed: ship that parcel instead.")
            )
        shipment = Shipment.objects.create(
            order=order,
            partner=partner,
            status=Shipment.Status.PACKED,
            packed_at=timezone.now(),
            created_by=user,
        )
        shipment.lines.set(lines)
        shipment.components.set(components)
        _shipping_event(order, lines, "Packed", components=components)
    return shipment


def mark_lines_shipped(order, partner, lines, *, carrier, tracking_number, user, components=()):
    """``partner`` shipped ``lines`` and ``components`` in one parcel. A gift bundle line is
    shipped once every producer has shipped its components; the order once every line is."""
    carrier, tracking_number = (carrier or "").strip(), (tracking_number or "").strip()
    if not carrier or not tracking_number:
        raise WorkspaceError(_("Give the carrier and the tracking number."))
    with transaction.atomic():
        order, lines, components = _locked(order, lines, components)
        _check_lines(order, partner, lines, components)
        now = timezone.now()
        line_ids = {line.pk for line in lines}
        component_ids = {c.pk for c in components}
        # A packed parcel holding exactly these lines and components is the one that leaves.
        shipment = None
        parcels = list(
            Shipment.objects.filter(
                order=order, partner=partner, status=Shipment.Status.PACKED
            ).prefetch_related("lines", "components")
        )
        for packed in parcels:
            if {line.pk for line in packed.lines.all()} == line_ids and {
                c.pk for c in packed.components.all()
            } == component_ids:
                shipment = packed
                break
        if shipment is None:
            shipment = Shipment.objects.create(
                order=order, partner=partner, status=Shipment.Status.SHIPPED, created_by=user
            )
            shipment.lines.set(lines)
            shipment.components.set(components)
            # Packed parcels lose what left in this one; a parcel left empty is gone.
            for packed in parcels:
                packed.lines.remove(*lines)
                packed.components.remove(*components)
                if not packed.lines.exists() and not packed.components.exists():
                    packed.delete()
        shipment.status = Shipment.Status.SHIPPED
        shipment.carrier = carrier
        shipment.tracking_number = tracking_number
        shipment.shipped_at = now
        shipment.save()
        OrderLineComponent.objects.filter(pk__in=component_ids).update(status="shipped")
        # What left is taken off the stock (and off what the order holds).
        consume_shipped(
            [(line.stockrecord, line.quantity) for line in lines if line.stockrecord_id]
            + [(c.stockrecord, c.quantity) for c in components if c.stockrecord_id]
        )
        # Gift bundle lines whose every component has now left are shipped as a whole.
        bundle_line_ids = {c.line_id for c in components}
        complete = list(
            Line.objects.select_for_update()
            .filter(pk__in=bundle_line_ids)
            .exclude(status__in=CLOSED_LINE_STATUSES)
            .exclude(bundle_components__status="")
        )
        _shipping_event(
            order,
            lines + complete,
            "Shipped",
            notes=f"{carrier} {tracking_number}",
            components=components,
        )
        Line.objects.filter(pk__in=line_ids | {line.pk for line in complete}).update(
            status="shipped"
        )
        if not order.lines.exclude(status__in=CLOSED_LINE_STATUSES).exists():
            _order_shipped(order, user)
        # The customer's message is recorded in this transaction (the notifications outbox
        # sends it once the shipment is committed).
        notify_lines_shipped(order, partner, lines, carrier, tracking_number, components)
    return shipment


def close_packed_parcels(order, *, carrier="", tracking_number=""):
    """Staff shipped the whole order: the producers' packed parcels left with it."""
    Shipment.objects.filter(order=order, status=Shipment.Status.PACKED).update(
        status=Shipment.Status.SHIPPED,
        carrier=carrier[:100],
        tracking_number=tracking_number[:100],
        shipped_at=timezone.now(),
    )


def _order_shipped(order, user):
    """Every line has left: the order is shipped."""
    OrderStatusChange = get_model("order", "OrderStatusChange")
    old = order.status
    if "shipped" not in settings.OSCAR_ORDER_STATUS_PIPELINE.get(old, ()):
        return
    order.status = "shipped"
    order.save(update_fields=["status"])
    OrderStatusChange.objects.create(order=order, old_status=old, new_status="shipped")


def notify_lines_shipped(order, partner, lines, carrier, tracking_number, components=()):
    """Tell the customer that a producer's lines (and gift bundle components) left."""
    from shop.notifications import services as notifications

    notifications.lines_shipped(
        order, partner, lines, carrier, tracking_number, components=components
    )


# --- Stock and prices by CSV ----------------------------------------------------------------

CSV_COLUMNS = ["sku", "title", "num_in_stock", "price", "low_stock_threshold"]
CSV_REQUIRED = ["sku", "num_in_stock", "price"]
CSV_MAX_BYTES = 2 * 1024 * 1024
CSV_MAX_ROWS = 20_000
MAX_STOCK = 1_000_000
MAX_PRICE = 1_000_000_000
PROGRESS_EVERY = 200


def csv_template(user):
    """The producer's stock records as a CSV to fill in (the downloadable template)."""
    out = io.StringIO()
    writer = csvfiles.writer(out)
    writer.writerow(CSV_COLUMNS)
    for record in stockrecords_of(user).order_by("partner_sku"):
        writer.writerow(
            [
                record.partner_sku,
                record.product.get_title(),
                record.num_in_stock if record.num_in_stock is not None else "",
                int(record.price) if record.price is not None else "",
                record.low_stock_threshold if record.low_stock_threshold is not None else "",
            ]
        )
    return "\ufeff" + out.getvalue()


def _whole_number(value, label, maximum, errors, required=True):
    value = (value or "").strip()
    if not value:
        if required:
            errors.append(_("%(column)s is empty.") % {"column": label})
        return None
    if not value.isdigit():
        errors.append(
            _("%(column)s must be a whole number of 0 or more (got “%(value)s”).")
            % {"column": label, "value": value[:30]}
        )
        return None
    number = int(value)
    if number > maximum:
        errors.append(
            _("%(column)s is too large (at most %(max)s).") % {"column": label, "max": maximum}
        )
        return None
    return number


@dataclass
class StockRowUpdate:
    row: int
    stockrecord_id: int
    num_in_stock: int
    price: int
    low_stock_threshold: int | None = None


@dataclass
class StockValidation:
    updates: list = field(default_factory=list)
    errors: list = field(default_factory=list)


def read_stock_csv(raw):
    """Rows of the CSV as dicts, or WorkspaceError for a file that is not a usable CSV."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise WorkspaceError(_("The file is not UTF-8 text. Save it as “CSV UTF-8”.")) from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    missing = [name for name in CSV_REQUIRED if name not in header]
    if missing:
        raise WorkspaceError(
            _("The header row must name the columns %(columns)s (missing: %(missing)s).")
            % {"columns": ", ".join(CSV_COLUMNS), "missing": ", ".join(missing)}
        )
    reader.fieldnames = header
    try:
        rows = [row for row in reader if any((v or "").strip() for v in row.values() if v)]
    except csv.Error as exc:
        raise WorkspaceError(_("The file could not be read as CSV: %(error)s") % {"error": exc})
    if len(rows) > CSV_MAX_ROWS:
        raise WorkspaceError(_("At most %(max)s rows per file.") % {"max": CSV_MAX_ROWS})
    if not rows:
        raise WorkspaceError(_("The file has no rows."))
    return rows


def validate_stock_rows(partner, rows, progress=None):
    """Check every row; the updates to apply, or the errors of every bad row (row 2 = first)."""
    records = {
        record.partner_sku: record
        for record in StockRecord.objects.filter(partner=partner).only(
            "pk", "partner_sku", "num_allocated"
        )
    }
    result = StockValidation()
    seen = {}
    for index, row in enumerate(rows):
        line_number = index + 2
        errors = []
        sku = (row.get("sku") or "").strip()
        record = records.get(sku)
        if not sku:
            errors.append(_("The SKU is empty."))
        elif record is None:
            errors.append(_("SKU “%(sku)s” is not one of your products.") % {"sku": sku[:60]})
        elif sku in seen:
            errors.append(
                _("SKU “%(sku)s” is already on row %(row)s.") % {"sku": sku, "row": seen[sku]}
            )
        else:
            seen[sku] = line_number
        stock = _whole_number(row.get("num_in_stock"), "num_in_stock", MAX_STOCK, errors)
        price = _whole_number(row.get("price"), "price", MAX_PRICE, errors)
        threshold = _whole_number(
            row.get("low_stock_threshold"), "low_stock_threshold", MAX_STOCK, errors, False
        )
        if record is not None and stock is not None and stock < (record.num_allocated or 0):
            errors.append(
                _("%(allocated)s units are held for unshipped orders: stock cannot be lower.")
                % {"allocated": record.num_allocated}
            )
        if errors:
            result.errors.append({"row": line_number, "sku": sku[:60], "messages": errors})
        elif record is not None:
            result.updates.append(StockRowUpdate(line_number, record.pk, stock, price, threshold))
        if progress and (index + 1) % PROGRESS_EVERY == 0:
            progress(index + 1)
    if progress:
        progress(len(rows))
    return result


class StockRowsChanged(WorkspaceError):
    """Orders placed while the file was checked now hold more than some rows' stock."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("; ".join(m for e in errors for m in e["messages"]))


def apply_stock_updates(partner, updates):
    """Apply all updates in one transaction (rows locked in primary-key order). Orders
    placed since the file was checked are counted again under the locks: if they now hold
    more than a row's stock, nothing is applied (``StockRowsChanged``)."""
    changed = 0
    with transaction.atomic():
        ids = sorted(update.stockrecord_id for update in updates)
        records = {
            record.pk: record
            for record in StockRecord.objects.select_for_update()
            .filter(partner=partner, pk__in=ids)
            .order_by("pk")
        }
        errors = [
            {
                "row": update.row,
                "sku": records[update.stockrecord_id].partner_sku,
                "messages": [
                    _("%(allocated)s units are held for unshipped orders: stock cannot be lower.")
                    % {"allocated": records[update.stockrecord_id].num_allocated}
                ],
            }
            for update in updates
            if update.num_in_stock < (records[update.stockrecord_id].num_allocated or 0)
        ]
        if errors:
            raise StockRowsChanged(errors)
        for update in updates:
            record = records[update.stockrecord_id]
            values = {"num_in_stock": update.num_in_stock, "price": Decimal(update.price)}
            if update.low_stock_threshold is not None:
                values["low_stock_threshold"] = update.low_stock_threshold
            if any(getattr(record, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(record, name, value)
                record.save()
                changed += 1
    return changed


def start_stock_import(partner, user, uploaded):
    """Record the upload and process it in the background (in-process in eager mode)."""
    from .tasks import publish_stock_import

    if uploaded.size > CSV_MAX_BYTES:
        raise WorkspaceError(
            _("The file is too large (at most %(size)s MB).") % {"size": CSV_MAX_BYTES // 2**20}
        )
    stock_import = StockImport.objects.create(
        partner=partner, user=user, file=uploaded, original_name=uploaded.name[:255]
    )
    transaction.on_commit(partial(publish_stock_import, stock_import.pk), robust=True)
    return stock_import


def process_stock_import(pk):
    """Validate the whole file; apply it only when every row is good."""
    stock_import = StockImport.objects.select_related("partner").get(pk=pk)
    if stock_import.is_finished:
        return stock_import
    queryset = StockImport.objects.filter(pk=pk)

    def finish(status, **values):
        queryset.update(status=status, date_finished=timezone.now(), **values)

    try:
        with stock_import.file.open("rb") as fh:
            raw = fh.read(CSV_MAX_BYTES + 1)
        rows = read_stock_csv(raw)
    except WorkspaceError as exc:
        finish(
            StockImport.Status.REJECTED, errors=[{"row": None, "sku": "", "messages": [str(exc)]}]
        )
        return StockImport.objects.get(pk=pk)
    queryset.update(status=StockImport.Status.VALIDATING, total_rows=len(rows))
    result = validate_stock_rows(
        stock_import.partner, rows, progress=lambda n: queryset.update(processed_rows=n)
    )
    if result.errors:
        finish(StockImport.Status.REJECTED, errors=result.errors)
        return StockImport.objects.get(pk=pk)
    queryset.update(status=StockImport.Status.APPLYING)
    try:
        changed = apply_stock_updates(stock_import.partner, result.updates)
    except StockRowsChanged as exc:
        finish(StockImport.Status.REJECTED, errors=exc.errors)
        return StockImport.objects.get(pk=pk)
    except Exception:
        logger.exception("Stock import %s failed", pk)
        finish(
            StockImport.Status.REJECTED,
            errors=[
                {"row": None, "sku": "", "messages": [_("The update failed; nothing changed.")]}
            ],
        )
        return StockImport.objects.get(pk=pk)
    finish(StockImport.Status.DONE, updated_rows=changed, processed_rows=len(rows))
    return StockImport.objects.get(pk=pk)


# --- Sales ----------------------------------------------------------------------------------


@dataclass
class SalesRow:
    product_id: int | None
    title: str
    units: int
    revenue: Decimal


def sales_by_product(partners, start, end):
    """Revenue and units of the producers' lines (and of their products in gift bundles) in
    orders placed from ``start`` to ``end`` (dates, inclusive), cancelled orders and lines
    left out; best-selling first."""
    tz = timezone.get_current_timezone()
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    until = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
    )
    lines = (
        Line.objects.filter(
            partner__in=partners, order__date_placed__gte=since, order__date_placed__lt=until
        )
        .exclude(order__status="cancelled")
        .exclude(status="cancelled")
    )
    rows = (
        lines.values("product_id", "title")
        .annotate(units=Sum("quantity"), revenue=Sum("line_price_incl_tax"), n=Count("id"))
        .order_by("-revenue", "title")
    )
    # Their products sold inside gift bundles, at the producer's price when ordered.
    components = (
        OrderLineComponent.objects.filter(
            partner__in=partners,
            line__order__date_placed__gte=since,
            line__order__date_placed__lt=until,
        )
        .exclude(line__order__status="cancelled")
        .exclude(line__status="cancelled")
        .values("product_id", "title")
        .annotate(
            units=Sum("quantity"),
            revenue=Sum(
                F("quantity") * F("unit_price"),
                output_field=DecimalField(max_digits=16, decimal_places=0),
            ),
            n=Count("id"),
        )
    )
    merged = {}
    for row in [*rows, *components]:
        row["revenue"] = row["revenue"] or Decimal("0")
        key = row["product_id"] or row["title"]
        if key in merged:
            merged[key].units += row["units"]
            merged[key].revenue += row["revenue"]
        else:
            merged[key] = SalesRow(row["product_id"], row["title"], row["units"], row["revenue"])
    return sorted(merged.values(), key=lambda r: (-r.revenue, r.title))


def low_stock(user):
    """The producer's stock records at or below their low-stock threshold."""
    return stockrecords_of(user).filter(
        low_stock_threshold__isnull=False, num_in_stock__lte=F("low_stock_threshold")
    )
