from django.views.generic import TemplateView

from . import services


class HomeView(TemplateView):
    """Home page: what OCOP is, featured 4-star products, newest certified products, browse
    links. A fixed number of SQL queries whatever the catalogue holds."""

    template_name = "shop/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["featured_products"] = services.featured_products()
        context["newest_products"] = services.newest_certified_products()
        context["categories"] = services.browse_categories()
        return context
