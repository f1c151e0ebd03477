"""Oscar's product reviews, forked: only buyers who received a product review it, reviews
wait for staff moderation, and writing reviews and voting are rate-limited."""

from oscar.apps.catalogue.reviews import apps


class CatalogueReviewsConfig(apps.CatalogueReviewsConfig):
    name = "shop.reviews"

    def ready(self):
        super().ready()
        from . import views

        self.detail_view = views.ProductReviewDetail
        self.create_view = views.CreateProductReview
        self.vote_view = views.AddVoteView
        self.list_view = views.ProductReviewList
