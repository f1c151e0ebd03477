"""Oscar's review views with the shop's rules: only buyers who received the product write a
review (everyone else is refused with the reason, 403, and nothing is written), once each
(409), waiting for moderation, rate-limited (429); only approved reviews are shown and
voted on, by signed-in users, rate-limited."""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView
from oscar.apps.catalogue.reviews import views as oscar_views
from oscar.core.loading import get_model

from . import limits, rules
from .forms import ProductReviewForm

Product = get_model("catalogue", "Product")
ProductReview = get_model("reviews", "ProductReview")

REFUSED_TEMPLATE = "oscar/catalogue/reviews/review_refused.html"


def refuse(request, product, reason, status):
    return render(request, REFUSED_TEMPLATE, {"product": product, "reason": reason}, status=status)


class CreateProductReview(oscar_views.CreateProductReview):
    form_class = ProductReviewForm

    def dispatch(self, request, *args, **kwargs):
        self.product = get_object_or_404(Product, pk=kwargs["product_pk"], is_public=True)
        reason = rules.refusal(self.product, request.user)
        if reason == rules.ALREADY_REVIEWED:
            return refuse(request, self.product, reason, 409)
        if reason:
            return refuse(request, self.product, reason, 403)
        if request.method == "POST" and limits.reviews_over_limit(request):
            return refuse(request, self.product, limits.TOO_MANY_REVIEWS, 429)
        # Oscar's dispatch would check the permission again: go straight to the form.
        return CreateView.dispatch(self, request, *args, **kwargs)

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except IntegrityError:  # a second review sent at the same time
            return refuse(self.request, self.product, rules.ALREADY_REVIEWED, 409)

    def get_success_url(self):
        messages.success(
            self.request,
            _("Thank you for your review: it will be shown once our staff have checked it."),
        )
        return self.product.get_absolute_url()


class ProductReviewDetail(oscar_views.ProductReviewDetail):
    def get_queryset(self):
        return ProductReview.objects.approved().filter(
            product_id=self.kwargs["product_pk"], product__is_public=True
        )


class AddVoteView(oscar_views.AddVoteView):
    """Votes on an approved review of a public product, by signed-in users (the URL requires
    it), rate-limited."""

    def post(self, request, *args, **kwargs):
        product = get_object_or_404(Product, pk=self.kwargs["product_pk"], is_public=True)
        get_object_or_404(ProductReview.objects.approved(), pk=kwargs["pk"], product=product)
        if limits.votes_over_limit(request):
            return refuse(request, product, limits.TOO_MANY_VOTES, 429)
        try:
            with transaction.atomic():
                return super().post(request, *args, **kwargs)
        except IntegrityError:  # a second vote sent at the same time
            return refuse(request, product, _("You can only vote once on a review."), 409)


class ProductReviewList(oscar_views.ProductReviewList):
    pass
