"""The bundle editor in the dashboard (/dashboard/bundles/).

Staff (with the catalogue permission) build bundles from any product; a producer's own users
(Oscar partner users with dashboard access) build bundles from their own products only and
edit only the bundles they built. A producer's new bundle, or its new price terms, waits for
staff approval (``shop.bundles.approval``): staff filter the pending ones, approve or reject
them with a reason, and set the minimum bundle price. URLs are mounted by the forked
dashboard app.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import generic
from oscar.core.loading import get_model

from . import approval, services
from .forms import BundleDecisionForm, BundleForm, BundleSettingsForm, ComponentFormSet
from .models import BundleSettings, GiftBundle
from .pricing import floor_problem

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
STAFF_PERMISSION = "catalogue.change_product"


def is_bundle_staff(user):
    return user.is_active and user.is_staff and user.has_perm(STAFF_PERMISSION)


def own_partners(user):
    return list(user.partners.all()) if user.is_authenticated else []


def bundles_for(user):
    queryset = GiftBundle.objects.select_related("product", "occasion", "owner").order_by(
        "product__title", "pk"
    )
    if is_bundle_staff(user):
        return queryset
    return queryset.filter(owner__in=own_partners(user))


def component_choices(user):
    """Products ``user`` may put in a bundle: any (staff) or its producers' own."""
    products = services.not_bundles(Product.objects.filter(parent__isnull=True)).order_by("title")
    if is_bundle_staff(user):
        return products
    return products.filter(stockrecords__partner__in=own_partners(user)).distinct()


class BundleListView(generic.ListView):
    template_name = "bundles/dashboard/bundle_list.html"
    context_object_name = "bundles"
    paginate_by = 50

    def get_queryset(self):
        bundles = bundles_for(self.request.user)
        self.approval = self.request.GET.get("approval") or ""
        if self.approval in GiftBundle.Approval.values:
            bundles = bundles.filter(approval=self.approval)
        else:
            self.approval = ""
        return bundles

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            approvals=GiftBundle.Approval.choices,
            current_approval=self.approval,
            pending_count=bundles_for(self.request.user)
            .filter(approval=GiftBundle.Approval.PENDING)
            .count(),
            is_staff=is_bundle_staff(self.request.user),
        )
        return ctx


class BundleEditView(generic.View):
    template_name = "bundles/dashboard/bundle_form.html"

    def get_bundle(self):
        pk = self.kwargs.get("pk")
        if pk is None:
            return None
        return get_object_or_404(bundles_for(self.request.user), pk=pk)

    def owner(self):
        if is_bundle_staff(self.request.user):
            return None
        partners = own_partners(self.request.user)
        if not partners:
            raise PermissionDenied
        return partners[0]

    def initial(self, bundle):
        if bundle is None:
            return {}, []
        product = bundle.product
        return (
            {
                "title": product.title,
                "description": product.description,
                "occasion": bundle.occasion,
                "pricing": bundle.pricing,
                "fixed_price": bundle.fixed_price,
                "discount_percent": bundle.discount_percent,
                "discount_amount": bundle.discount_amount,
                "is_public": product.is_public,
            },
            [{"product": c.product, "quantity": c.quantity} for c in bundle.components.all()],
        )

    def get(self, request, pk=None):
        self.owner()
        bundle = self.get_bundle()
        initial, parts = self.initial(bundle)
        form = BundleForm(initial=initial)
        formset = ComponentFormSet(
            initial=parts, prefix="components", products=component_choices(request.user)
        )
        return self.render(bundle, form, formset)

    def post(self, request, pk=None):
        owner = self.owner()
        bundle = existing = self.get_bundle()
        form = BundleForm(request.POST, request.FILES)
        formset = ComponentFormSet(
            request.POST, prefix="components", products=component_choices(request.user)
        )
        if form.is_valid() and formset.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    bundle = services.save_bundle(
                        bundle=bundle,
                        title=data["title"],
                        description=data["description"],
                        occasion=data["occasion"],
                        components=formset.components(),
                        pricing=data["pricing"],
                        fixed_price=data["fixed_price"],
                        discount_percent=data["discount_percent"],
                        discount_amount=data["discount_amount"],
                        owner=owner if bundle is None else bundle.owner,
                        is_public=data["is_public"],
                        by_staff=is_bundle_staff(request.user),
                        actor=request.user,
                    )
                    problem = services.pricing_problem(bundle)
                    if problem:
                        raise ValueError(problem)
                    if data.get("image"):
                        ProductImage.objects.create(
                            product=bundle.product,
                            original=data["image"],
                            display_order=bundle.product.images.count(),
                        )
            except ValueError as exc:
                form.add_error(None, str(exc))
                # Nothing was saved: show the bundle as it still is (none for a new one).
                bundle = self.get_bundle() if existing is not None else None
            else:
                messages.success(request, _("The gift bundle was saved."))
                if bundle.approval == GiftBundle.Approval.PENDING:
                    messages.info(
                        request,
                        _("It is not sold until the marketplace's staff approve this version."),
                    )
                return redirect("dashboard:bundle-update", pk=bundle.pk)
        messages.error(request, _("Please correct the errors below."))
        return self.render(bundle, form, formset, status=400)

    def render(self, bundle, form, formset, status=200):
        return render(
            self.request,
            self.template_name,
            {
                "bundle": bundle,
                "form": form,
                "formset": formset,
                "price": services.bundle_price(bundle) if bundle else None,
                "available": services.bundle_availability(bundle.product) if bundle else None,
                "approval_status": approval.status_message(bundle) if bundle else "",
                "floor_problem": floor_problem(bundle) if bundle else None,
                "decision_form": (
                    BundleDecisionForm(initial={"version": bundle.approval_version})
                    if bundle and is_bundle_staff(self.request.user)
                    else None
                ),
            },
            status=status,
        )


class BundleDecisionView(generic.View):
    """Staff approve or reject the version of a bundle they saw (POST only)."""

    def post(self, request, pk):
        if not is_bundle_staff(request.user):
            raise PermissionDenied
        bundle = get_object_or_404(GiftBundle, pk=pk)
        form = BundleDecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Nothing was changed: the decision was incomplete."))
            return redirect("dashboard:bundle-update", pk=bundle.pk)
        data = form.cleaned_data
        try:
            approval.decide(
                bundle.pk,
                approve=data["action"] == "approve",
                user=request.user,
                version=data["version"],
                reason=data["reason"],
            )
        except ValueError as exc:
            messages.error(request, str(exc))
        else:
            if data["action"] == "approve":
                messages.success(request, _("The gift bundle is approved: it is on sale."))
            else:
                messages.success(request, _("The gift bundle is rejected: it is not sold."))
        return redirect("dashboard:bundle-update", pk=bundle.pk)


class BundleSettingsView(generic.View):
    """Staff set the minimum bundle price (a share of the components' price)."""

    template_name = "bundles/dashboard/settings.html"

    def dispatch(self, request, *args, **kwargs):
        if not is_bundle_staff(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render(BundleSettingsForm(instance=BundleSettings.current()))

    def post(self, request):
        form = BundleSettingsForm(request.POST, instance=BundleSettings.current())
        if not form.is_valid():
            messages.error(request, _("Nothing was saved: please correct the errors below."))
            return self.render(form, status=400)
        updated = form.save(commit=False)
        updated.updated_by = request.user
        updated.save()
        messages.success(request, _("Gift bundle settings saved."))
        return redirect("dashboard:bundle-settings")

    def render(self, form, status=200):
        return render(
            self.request,
            self.template_name,
            {"form": form, "current": BundleSettings.current()},
            status=status,
        )
