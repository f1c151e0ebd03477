"""Database-backed browse and search views (replacing Oscar's Haystack views).

Oscar's catalogue app loads ``CatalogueView`` and ``ProductCategoryView`` from
``search.views`` and the search app loads ``FacetedSearchView`` from here, so the URLs stay
Oscar's: ``catalogue:index``, ``catalogue:category`` and ``search:search``. Each page lists
product objects (``products``), paginated with ``OSCAR_PRODUCTS_PER_PAGE``, narrowed by
``ProductFilterForm`` and loaded with ``listing_queryset`` (a fixed number of queries).
"""

from urllib.parse import unquote

from django.conf import settings
from django.contrib import messages
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.apps.search.signals import user_search
from oscar.core.loading import get_class, get_model

from catalogue_ext.listing import listing_queryset

from . import queries

ProductFilterForm = get_class("search.forms", "ProductFilterForm")
MAX_QUERY_LENGTH = get_class("search.forms", "MAX_QUERY_LENGTH")
Category = get_model("catalogue", "Category")


class InvalidPageError(Exception):
    """The requested page does not exist (the view redirects to the first page)."""


class ProductListView(ListView):
    """Common base: filters, sorting and pagination of public products."""

    context_object_name = "products"
    searching = False

    def get_paginate_by(self, queryset):
        return settings.OSCAR_PRODUCTS_PER_PAGE

    def get(self, request, *args, **kwargs):
        # pylint: disable=attribute-defined-outside-init
        self.form = ProductFilterForm(request.GET, searching=self.searching)
        try:
            return super().get(request, *args, **kwargs)
        except InvalidPageError:
            messages.error(request, _("The given page number was invalid."))
            return redirect(self.get_first_page_url())

    def get_first_page_url(self):
        params = self.request.GET.copy()
        params.pop("page", None)
        query = params.urlencode()
        return self.request.path + (f"?{query}" if query else "")

    def base_products(self):
        return listing_queryset()

    def get_queryset(self):
        products = queries.annotate_for_sorting(self.base_products())
        products = queries.apply_filters(products, self.form.filter_values())
        return queries.order_queryset(products, self.form.sort_key)

    def paginate_queryset(self, queryset, page_size):
        paginator = Paginator(queryset, page_size)
        page_number = self.request.GET.get(self.page_kwarg) or 1
        if page_number == "last":
            page_number = paginator.num_pages
        try:
            page = paginator.page(int(page_number))
        except (ValueError, InvalidPage):
            raise InvalidPageError(page_number)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["form"] = self.form
        ctx["filter_form"] = self.form
        ctx["summary"] = self.get_summary()
        # Oscar's templates read both ``page`` and ``page_obj``.
        ctx["page"] = ctx["page_obj"]
        return ctx

    def get_summary(self):
        return _("All products")


class CatalogueView(ProductListView):
    """Browse all products in the catalogue."""

    template_name = "oscar/catalogue/browse.html"


class ProductCategoryView(ProductListView):
    """Browse the products of a category and its sub-categories."""

    template_name = "oscar/catalogue/category.html"
    enforce_paths = True

    def get(self, request, *args, **kwargs):
        # pylint: disable=attribute-defined-outside-init
        self.category = self.get_category()
        # Allow staff members so they can test layout etc.
        if not self.is_viewable(self.category, request):
            raise Http404()
        potential_redirect = self.redirect_if_necessary(request.path, self.category)
        if potential_redirect is not None:
            return potential_redirect
        return super().get(request, *args, **kwargs)

    def is_viewable(self, category, request):
        return category.is_public or request.user.is_staff

    def redirect_if_necessary(self, current_path, category):
        if self.enforce_paths:
            # Categories are fetched by primary key to allow slug changes.
            expected_path = category.get_absolute_url()
            if unquote(expected_path) != unquote(current_path):
                query = self.request.GET.urlencode()
                return HttpResponsePermanentRedirect(expected_path + (f"?{query}" if query else ""))
        return None

    def get_category(self):
        return get_object_or_404(Category, pk=self.kwargs["pk"])

    def base_products(self):
        return queries.in_category(listing_queryset(), self.category.get_descendants_and_self())

    def get_summary(self):
        return self.category.name

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["category"] = self.category
        return ctx


class FacetedSearchView(ProductListView):
    """Search products by a Vietnamese query, tone marks and đ/d optional (``/search/?q=``)."""

    template_name = "oscar/search/results.html"
    searching = True

    def dispatch(self, request, *args, **kwargs):
        # A signal for other apps to hook into for analytics (as Oscar's view sends).
        user_search.send(
            sender=self,
            session=request.session,
            user=request.user,
            query=request.GET.get("q", "")[:MAX_QUERY_LENGTH],
        )
        return super().dispatch(request, *args, **kwargs)

    @property
    def query(self):
        return queries.normalise_query(self.form.filter_values().get("q") or "")

    def get_queryset(self):
        products = queries.annotate_for_sorting(self.base_products())
        products = queries.apply_filters(products, self.form.filter_values())
        products = queries.match_terms(products, self.query)
        if self.form.sort_key == queries.RELEVANCY:
            return queries.ranked_ids(products, self.query)
        return queries.order_queryset(products, self.form.sort_key)

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        if isinstance(queryset, list):
            # Relevance order: the page holds ranked ids; load those products in that order.
            ids = list(object_list)
            by_id = {p.pk: p for p in listing_queryset().filter(pk__in=ids)}
            page.object_list = [by_id[pk] for pk in ids if pk in by_id]
            object_list = page.object_list
        return paginator, page, object_list, is_paginated

    def get_summary(self):
        return self.query

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["query"] = self.query
        ctx["results"] = ctx["products"]
        return ctx
