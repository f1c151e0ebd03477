"""Rich text that producers write (stories, product descriptions, applications).

Everything a producer can write goes through ``clean_html`` (an ``nh3`` allowlist) when it is
saved, and again when it is shown (``rich_text`` template filter): no script, style, event
handler or ``javascript:`` link survives either way.
"""

import re

import nh3
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "h3",
    "h4",
    "blockquote",
    "a",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
_HAS_TAG = re.compile(r"<[a-zA-Z/!?]")
_HAS_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


def clean_html(value):
    """``value`` with only the allowed tags and attributes.

    Plain text (nothing that looks like a tag) is kept as it is: it is escaped when shown.
    """
    if not value or not _HAS_TAG.search(value):
        return value
    return _sanitise(value)


def _sanitise(value):
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )


def render_rich_text(value):
    """Safe HTML for a template: sanitised HTML as is, plain text with its line breaks."""
    if not value:
        return ""
    if _HAS_TAG.search(value) or _HAS_ENTITY.search(value):
        return mark_safe(_sanitise(value))  # noqa: S308 - sanitised by the allowlist above
    return mark_safe(linebreaks(value, autoescape=True))  # noqa: S308 - escaped by linebreaks
