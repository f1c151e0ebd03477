"""Forms of the database-backed catalogue and search.

``SearchForm`` is what Oscar's ``search_form`` context processor puts on every page (the
header search box, field ``q``). ``ProductFilterForm`` is the GET form of the left column on
the catalogue, category and search pages.
"""

from django import forms
from django.conf import settings
from django.forms.widgets import Input
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from shop.producers.models import LegalType, Producer
from shop.regions.models import AdministrativeUnit

from . import queries

ProductGroup = get_model("catalogue", "ProductGroup")
ProductGroupSet = get_model("catalogue", "ProductGroupSet")
# The longest search query (characters): the inputs stop typing there (maxlength) and a
# longer ``q`` in a URL is cut to it, so the page still answers.
MAX_QUERY_LENGTH = settings.SEARCH_MAX_QUERY_LENGTH
MAX_PRICE = 10**12
PRICE_ERRORS = {
    "invalid": _("Enter the price as a whole number of dong, for example 150000."),
    "min_value": _("The price cannot be negative."),
    "max_value": _("This price is too high."),
}
PRICE_RANGE_ERROR = _("The maximum price must not be lower than the minimum price.")


class SearchInput(Input):
    input_type = "search"


class QueryField(forms.CharField):
    """A search query: longer text is cut to ``MAX_QUERY_LENGTH`` (not an error), and the
    input carries ``maxlength`` so the browser stops there."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Search"))
        super().__init__(**kwargs)

    def to_python(self, value):
        return super().to_python(value)[:MAX_QUERY_LENGTH]

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if not widget.is_hidden:
            attrs["maxlength"] = str(MAX_QUERY_LENGTH)
        return attrs


class SearchForm(forms.Form):
    """The site-wide search box (Oscar's header form posts ``q`` to ``search:search``)."""

    max_query_length = MAX_QUERY_LENGTH
    q = QueryField(
        widget=SearchInput({"placeholder": _("Search"), "tabindex": "1", "class": "form-control"}),
    )

    @property
    def query(self):
        """The query as the header box shows it again (cut to the longest query)."""
        return self.cleaned_data.get("q", "") if self.is_valid() else ""


class GroupChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class DistrictChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.short_name


def current_top_level_groups():
    """Top-level product groups of the current set (of the latest set if none is current)."""
    group_set = (
        ProductGroupSet.objects.filter(is_current=True).first() or ProductGroupSet.objects.first()
    )
    return ProductGroup.objects.filter(group_set=group_set, parent__isnull=True).order_by("code")


def producer_districts():
    """The district-level localities of the shop's province (``OCOP_PROVINCE_CODE``), or of
    the provinces public producers are in when that province is not loaded."""
    districts = AdministrativeUnit.objects.districts()
    code = getattr(settings, "OCOP_PROVINCE_CODE", None)
    scheme = getattr(settings, "OCOP_REGION_SCHEME", "pre2025")
    province = AdministrativeUnit.objects.provinces().filter(scheme=scheme, code=code).first()
    if province is not None:
        districts = districts.filter(province=province)
    else:
        districts = districts.filter(province__in=Producer.objects.public().values("province"))
    return districts.order_by("code")


class ProductFilterForm(forms.Form):
    """Filters and sort order. GET parameters: ``q``, ``stars`` (repeatable), ``group``,
    ``district``, ``producer_type``, ``price_min``, ``price_max``, ``in_stock``, ``sort_by``.
    """

    STAR_CHOICES = [("3", _("3 stars")), ("4", _("4 stars")), ("5", _("5 stars"))]
    SORT_CHOICES = [
        (queries.STARS, _("Most stars")),
        (queries.NEWEST, _("Newest")),
        (queries.PRICE_LOW_TO_HIGH, _("Price low to high")),
        (queries.PRICE_HIGH_TO_LOW, _("Price high to low")),
    ]

    q = QueryField()
    stars = forms.MultipleChoiceField(
        label=_("OCOP stars"),
        choices=STAR_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    group = GroupChoiceField(
        label=_("Product group"),
        queryset=ProductGroup.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All groups"),
        widget=forms.Select(attrs={"class": "form-control form-control-sm"}),
    )
    district = DistrictChoiceField(
        label=_("Locality"),
        queryset=AdministrativeUnit.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All localities"),
        widget=forms.Select(attrs={"class": "form-control form-control-sm"}),
    )
    producer_type = forms.ChoiceField(
        label=_("Producer type"),
        choices=[("", _("All producer types")), *LegalType.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-control form-control-sm"}),
    )
    price_min = forms.IntegerField(
        label=_("Price from (₫)"),
        required=False,
        min_value=0,
        max_value=MAX_PRICE,
        error_messages=PRICE_ERRORS,
        widget=forms.NumberInput(
            attrs={"class": "form-control form-control-sm", "step": "1000", "min": "0"}
        ),
    )
    price_max = forms.IntegerField(
        label=_("Price to (₫)"),
        required=False,
        min_value=0,
        max_value=MAX_PRICE,
        error_messages=PRICE_ERRORS,
        widget=forms.NumberInput(
            attrs={"class": "form-control form-control-sm", "step": "1000", "min": "0"}
        ),
    )
    in_stock = forms.BooleanField(
        label=_("In stock only"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    sort_by = forms.ChoiceField(
        label=_("Sort by"),
        choices=SORT_CHOICES,
        required=False,
        widget=forms.Select(attrs={"class": "form-control form-control-sm"}),
    )

    # Fields shown in the left column (q and sort_by travel as hidden inputs there).
    filter_field_names = (
        "stars",
        "group",
        "district",
        "producer_type",
        "price_min",
        "price_max",
        "in_stock",
    )

    def __init__(self, *args, searching=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.searching = searching
        self.fields["group"].queryset = current_top_level_groups()
        self.fields["district"].queryset = producer_districts()
        if searching:
            self.fields["sort_by"].choices = [
                (queries.RELEVANCY, _("Relevancy")),
                *self.SORT_CHOICES,
            ]

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("price_min"), cleaned.get("price_max")
        if low is not None and high is not None and low > high:
            self.add_error("price_max", PRICE_RANGE_ERROR)
        return cleaned

    def filter_values(self):
        """The valid filter values; an invalid field is left out (the form shows its error)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        values = {name: data.get(name) for name in self.fields if name not in self.errors}
        if "price_min" in self.errors or "price_max" in self.errors:
            # A half-valid range would mislead: drop both bounds.
            values["price_min"] = values["price_max"] = None
        return values

    @property
    def sort_key(self):
        default = queries.RELEVANCY if self.searching else queries.DEFAULT_BROWSE_SORT
        return self.filter_values().get("sort_by") or default

    @property
    def filter_fields(self):
        return [self[name] for name in self.filter_field_names]

    @property
    def active_filter_count(self):
        values = self.filter_values()
        return sum(
            1 for name in self.filter_field_names if values.get(name) not in (None, "", [], False)
        )
