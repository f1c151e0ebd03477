from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from .forms import ProducerFilterForm
from .models import Producer
from .services import directory_queryset, producer_products


class ProducerListView(ListView):
    """The public producer directory, filterable by locality and legal type."""

    template_name = "producers/producer_list.html"
    context_object_name = "producers"
    paginate_by = 24

    def get_queryset(self):
        self.form = ProducerFilterForm(self.request.GET or None)
        filters = {}
        if self.request.GET:
            filters = self.form.filter_values()
            if self.form.errors:
                messages.warning(
                    self.request, _("Some filters were not understood and have been ignored.")
                )
        self.filters = filters
        return directory_queryset(filters)

    def paginate_queryset(self, queryset, page_size):
        try:
            return super().paginate_queryset(queryset, page_size)
        except Http404:
            # A page past the end or not a number: show the first page instead of an error.
            self.kwargs["page"] = 1
            return super().paginate_queryset(queryset, page_size)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["form"] = self.form
        ctx["filters"] = self.filters
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx["filter_querystring"] = query.urlencode()
        return ctx


class ProducerDetailView(DetailView):
    """A producer's public page: story, locality, contacts, photos and products."""

    template_name = "producers/producer_detail.html"
    context_object_name = "producer"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Producer.objects.public().select_related("partner", "province", "district", "commune"),
            slug=self.kwargs["slug"],
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        producer = self.object
        ctx["products"] = list(producer_products(producer))
        ctx["certified_count"] = sum(1 for p in ctx["products"] if p.ocop_badge_stars)
        ctx["photos"] = list(producer.photos.all())
        return ctx
