"""Dashboard catalogue views: Oscar's, with the OCOP certificate on the product page and a
certificate list."""

import datetime

from django.contrib import messages
from django.db.models import Prefetch, Q
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext
from django.views import generic
from oscar.apps.dashboard.catalogue.views import *  # noqa: F403
from oscar.apps.dashboard.catalogue.views import (
    ProductCreateUpdateView as CoreProductCreateUpdateView,
)
from oscar.core.loading import get_classes, get_model

from catalogue_ext.models import EXPIRING_WITHIN_DAYS

CertificateFormSection, CertificateSearchForm, ProducerCertificateFormSection = get_classes(
    "dashboard.catalogue.forms",
    ["CertificateFormSection", "CertificateSearchForm", "ProducerCertificateFormSection"],
)

Certificate = get_model("catalogue", "Certificate")
CertificateEvent = get_model("catalogue", "CertificateEvent")


CERTIFICATE_PERMISSIONS = ["catalogue.add_certificate", "catalogue.change_certificate"]


def can_edit_certificates(user):
    """Staff holding the certificate permissions (not producers acting as partners)."""
    return user.is_active and user.is_staff and user.has_perms(CERTIFICATE_PERMISSIONS)


class ProductCreateUpdateView(CoreProductCreateUpdateView):
    """Oscar's product page plus an "OCOP" tab holding the product's certificate.

    Staff with the certificate permissions see and change certificates; a producer acting
    through the partner dashboard enters its own product's certificate, saved unverified (no
    badge until staff verify it). The certificate is saved with
    ``Certificate.save(user=…)`` so its history records who changed what.
    """

    template_name = "oscar/dashboard/catalogue/product_update_ocop.html"
    certificate_form = CertificateFormSection

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if can_edit_certificates(request.user):
            self.formsets = {**self.formsets, "certificate_form": self.certificate_form}
        elif not request.user.is_staff:
            # A producer enters its own certificate; it shows no badge until staff verify it.
            self.formsets = {**self.formsets, "certificate_form": ProducerCertificateFormSection}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        certificate = getattr(self.object, "ocop", None) if self.object else None
        if certificate is not None and certificate.pk is None:
            certificate = None
        ctx["certificate"] = certificate
        ctx["certificate_events"] = (
            list(certificate.events.select_related("user").order_by("-date_created", "-pk"))
            if certificate
            else []
        )
        return ctx


def status_q(status, today=None):
    """Q filtering certificates by their computed status."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=EXPIRING_WITHIN_DAYS)
    return {
        Certificate.Status.REVOKED: Q(revoked=True),
        Certificate.Status.EXPIRED: Q(revoked=False, expires_on__lt=today),
        Certificate.Status.EXPIRING: Q(revoked=False, expires_on__gte=today, expires_on__lte=soon),
        Certificate.Status.VALID: Q(revoked=False, expires_on__gt=soon),
        "unverified": Q(verified=False),
    }.get(status, Q())


class CertificateListView(generic.ListView):
    """Every OCOP certificate, filterable by status and stars, with its history."""

    template_name = "oscar/dashboard/catalogue/certificate_list.html"
    context_object_name = "certificates"
    paginate_by = 50

    def get_queryset(self):
        self.form = CertificateSearchForm(self.request.GET or None)
        queryset = Certificate.objects.select_related(
            "product", "group", "subgroup"
        ).prefetch_related(
            Prefetch(
                "events",
                queryset=CertificateEvent.objects.select_related("user").order_by(
                    "-date_created", "-pk"
                ),
            )
        )
        if self.form.is_bound and self.form.is_valid():
            data = self.form.cleaned_data
            if data.get("status"):
                queryset = queryset.filter(status_q(data["status"]))
            if data.get("stars"):
                queryset = queryset.filter(stars=int(data["stars"]))
            if data.get("q"):
                queryset = queryset.filter(
                    Q(product__title__icontains=data["q"]) | Q(decision_number__icontains=data["q"])
                )
        return queryset.order_by("expires_on", "pk")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["form"] = self.form
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx["filter_querystring"] = query.urlencode()
        return ctx


class ProductDeleteView(ProductDeleteView):  # noqa: F405
    """Oscar's delete page, refusing a product that gift bundles are made of: the bundles
    are named, and nothing is deleted until the product is taken out of them."""

    template_name = "oscar/dashboard/catalogue/product_delete_ocop.html"

    def bundles_using(self, product):
        from shop.bundles.models import GiftBundle

        products = [product.pk, *product.children.values_list("pk", flat=True)]
        return list(
            GiftBundle.objects.filter(components__product__in=products)
            .select_related("product")
            .distinct()
            .order_by("product__title")
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["in_bundles"] = self.bundles_using(self.object)
        return ctx

    def delete(self, request, *args, **kwargs):
        self.object = self.get_object()
        bundles = self.bundles_using(self.object)
        if bundles:
            messages.error(
                request,
                gettext(
                    "“%(title)s” is part of the gift bundles %(bundles)s: take it out of them "
                    "before deleting it. Nothing was deleted."
                )
                % {
                    "title": self.object.get_title(),
                    "bundles": ", ".join(f"“{b.product.get_title()}”" for b in bundles),
                },
            )
            return redirect("dashboard:catalogue-product-delete", pk=self.object.pk)
        return super().delete(request, *args, **kwargs)
