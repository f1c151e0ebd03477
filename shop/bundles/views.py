"""Storefront pages of gift bundles: the gift collection, live availability, gift options
at checkout and the packing slip."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import generic
from django.views.decorators.cache import never_cache
from oscar.core.loading import get_class, get_model

from catalogue_ext.listing import listing_queryset
from shop.checkout import services as checkout_services
from shop.search import queries

from . import services
from .forms import GiftOptionsForm
from .models import GiftBundle, Occasion

Order = get_model("order", "Order")


def bundle_listing(queryset=None):
    """Public gift bundles ready for cards (``listing_queryset`` loads their components)."""
    queryset = services.bundle_products() if queryset is None else queryset
    return listing_queryset(queryset)


class GiftCollectionView(generic.ListView):
    """``/gifts/``: the gift bundles, by occasion and price band."""

    template_name = "bundles/collection.html"
    context_object_name = "bundles"
    paginate_by = 24

    def get_queryset(self):
        bundles = queries.annotate_for_sorting(bundle_listing())
        self.occasion = Occasion.objects.filter(code=self.request.GET.get("occasion") or "").first()
        if self.occasion is not None:
            bundles = bundles.filter(gift_bundle__occasion=self.occasion)
        self.band = self.request.GET.get("price") or ""
        limits = services.price_band(self.band)
        if limits is None:
            self.band = ""
        else:
            low, high = limits
            if low is not None:
                bundles = bundles.filter(listing_price__gte=low)
            if high is not None:
                bundles = bundles.filter(listing_price__lt=high)
        return bundles.order_by("listing_price", "title", "pk")

    def paginate_queryset(self, queryset, page_size):
        paginator = Paginator(queryset, page_size)
        try:
            page = paginator.page(int(self.request.GET.get("page") or 1))
        except (ValueError, Exception):
            page = paginator.page(1)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["occasions"] = Occasion.objects.filter(bundles__product__is_public=True).distinct()
        ctx["current_occasion"] = self.occasion
        ctx["price_bands"] = [
            {"key": key, "low": low, "high": high} for key, low, high in services.PRICE_BANDS
        ]
        ctx["current_band"] = self.band
        return ctx


@never_cache
def availability_json(request, pk):
    """``{"available": n}`` for a public bundle (null when stock does not limit it); a JSON
    404 for any other product."""
    bundle = (
        GiftBundle.objects.select_related("product", "product__product_class")
        .filter(product_id=pk, product__is_public=True)
        .first()
    )
    if bundle is None:
        return JsonResponse(
            {"product": pk, "error": _("No gift bundle with this number is on sale.")},
            status=404,
        )
    Selector = get_class("partner.strategy", "Selector")
    info = Selector().strategy(request=request).fetch_for_product(bundle.product)
    policy = info.availability
    return JsonResponse(
        {
            "product": pk,
            "available": services.bundle_availability(bundle.product),
            "is_available": policy.is_available_to_buy,
            "code": policy.code,
            "message": str(policy.message),
        }
    )


def _drop_cod_choice(request):
    """Forget a cash-on-delivery choice made before the gift went to someone else."""
    from oscar.apps.checkout.utils import CheckoutSessionData

    session = CheckoutSessionData(request)
    if session.payment_method() != checkout_services.METHOD_COD:
        return False
    session.pay_by(None)
    return True


def _safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


class GiftOptionsView(generic.View):
    """Gift message, sender, delivery to someone else and gift wrapping, kept in the
    checkout session and saved on the order when it is placed."""

    template_name = "bundles/gift_options.html"

    def get_form(self, data=None):
        return GiftOptionsForm(
            data,
            initial=services.session_gift_options(self.request),
            wrapping=services.current_wrapping(),
        )

    def get(self, request):
        if request.basket.is_empty:
            return redirect("basket:summary")
        return render(request, self.template_name, self.context(self.get_form()))

    def post(self, request):
        if request.basket.is_empty:
            return redirect("basket:summary")
        form = self.get_form(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, self.context(form), status=400)
        services.store_gift_options(request, form.cleaned_data)
        messages.success(request, _("Your gift options were saved."))
        if form.cleaned_data.get("recipient_is_other") and _drop_cod_choice(request):
            messages.warning(request, checkout_services.gift_cod_refusal())
            return redirect("checkout:payment-method")
        return redirect(_safe_next(request, "checkout:index"))

    def context(self, form):
        return {"form": form, "next": _safe_next(self.request, "")}


@method_decorator(login_required, name="dispatch")
class PackingSlipView(generic.TemplateView):
    """A printable packing slip: staff see the whole order, a producer its own items only.
    A gift order's slip shows no prices."""

    template_name = "bundles/packing_slip.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        order = get_object_or_404(
            Order.objects.select_related("shipping_address"), number=kwargs["number"]
        )
        user = self.request.user
        shipments = services.shipments_by_partner(order)
        if user.is_staff:
            partners = None
        else:
            partners = set(user.partners.all())
            shipments = {p: items for p, items in shipments.items() if p in partners}
            if not shipments:
                raise Http404
        gift = services.gift_options_of(order)
        ctx.update(
            order=order,
            shipments=sorted(shipments.items(), key=lambda kv: kv[0].name if kv[0] else ""),
            gift=gift,
            show_prices=not (gift and gift.hide_prices),
            whole_order=partners is None,
        )
        return ctx
