"""The sales chart, drawn as SVG on the server (no script, no library, nothing fetched)."""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 260
BAR_WIDTH = 420
VALUE_WIDTH = 200
MAX_BARS = 15


def _dong(value):
    return f"{int(value):,}".replace(",", ".") + "\u00a0₫"


def _truncate(text, length=38):
    return text if len(text) <= length else text[: length - 1] + "…"


def sales_chart_svg(rows):
    """Horizontal bars of revenue by product (the best ``MAX_BARS``), units beside each."""
    rows = list(rows)[:MAX_BARS]
    top = max((row.revenue for row in rows), default=0) or 1
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sales-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" aria-label="{escape(_("Revenue by product"))}">'
    ]
    for index, row in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        bar = max(2, int(BAR_WIDTH * float(row.revenue) / float(top))) if row.revenue else 0
        label = escape(_truncate(row.title))
        value = escape(
            _("%(revenue)s · %(units)s units") % {"revenue": _dong(row.revenue), "units": row.units}
        )
        parts.append(
            f'<g class="bar" data-product="{row.product_id or ""}">'
            f"<title>{escape(row.title)}: {value}</title>"
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT - 6}" text-anchor="end" '
            f'font-size="13">{label}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{bar}" height="{BAR_HEIGHT}" fill="#2e7d32" rx="3"/>'
            f'<text x="{LABEL_WIDTH + bar + 6}" y="{y + BAR_HEIGHT - 6}" font-size="12" '
            f'fill="#333">{value}</text></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above
