import datetime

from django.http import JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.views.generic import TemplateView

from shop.producers.models import LegalType

from . import targets
from .services import programme_figures

STATS_MAX_AGE = 60


def stats_json(request):
    """The programme's figures as JSON (computed live; cacheable for a minute)."""
    response = JsonResponse(programme_figures(), json_dumps_params={"ensure_ascii": False})
    patch_cache_control(response, public=True, max_age=STATS_MAX_AGE)
    return response


def _bars(rows, key="products"):
    """Add ``percent`` (of the largest value) to each row, for CSS bar widths."""
    top = max((row[key] for row in rows), default=0) or 1
    return [{**row, "percent": round(100 * row[key] / top)} for row in rows]


class ProgrammePageView(TemplateView):
    template_name = "programme/figures.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        figures = programme_figures()
        certified = figures["certified_products"]
        ctx["figures"] = figures
        ctx["as_of"] = datetime.date.fromisoformat(figures["as_of"])
        ctx["stars_rows"] = _bars(
            [
                {"stars": int(stars), "products": count}
                for stars, count in sorted(figures["by_stars"].items(), reverse=True)
            ]
        )
        english = (get_language() or "vi").startswith("en")
        ctx["group_rows"] = _bars(
            [
                {**row, "label": (row["name_en"] if english and row["name_en"] else row["name"])}
                for row in figures["by_group"]
            ]
        )
        ctx["type_rows"] = _bars(
            [
                {"legal_type": key, "label": LegalType(key).label, **values}
                for key, values in figures["by_producer_type"].items()
            ]
        )
        ctx["locality_rows"] = _bars(figures["localities"]["by_locality"])
        communes = figures["communes"]
        ctx["communes_percent"] = (
            round(100 * communes["with_products"] / communes["total"]) if communes["total"] else 0
        )
        ctx["certified"] = certified
        ctx["targets"] = targets.TARGETS
        ctx["targets_source"] = targets.SOURCE
        return ctx
