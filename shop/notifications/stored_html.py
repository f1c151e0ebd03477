"""HTML that was stored earlier and is shown again in the account pages.

Oscar keeps the in-site notifications (subject and body) and the sent emails (``body_html``)
as HTML and shows them as they are. The product titles, names and addresses inside were
written by producers and customers, so what was stored is never trusted: it is shown only
after the shop's ``nh3`` allowlist (``shop.workspace.richtext``), and an email body is shown in
a sandboxed frame (see ``templates/oscar/communication/email/email_detail.html``).

HTML that staff write (flatpages, category, offer and shipping descriptions) is trusted but
shown through the same allowlists, where Oscar and Django would mark it safe.
"""

import nh3
from django.utils.html import escape
from django.utils.safestring import mark_safe

from shop.workspace.richtext import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES

# An email's layout: the rich text allowlist plus tables and inline styles.
EMAIL_TAGS = ALLOWED_TAGS | {
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "div",
    "span",
    "hr",
    "h1",
    "h2",
    "small",
    "code",
}
_LAYOUT = {"style", "align", "width", "cellpadding", "cellspacing", "role", "colspan"}
EMAIL_ATTRIBUTES = {
    **{tag: set(_LAYOUT) for tag in EMAIL_TAGS},
    "a": set(ALLOWED_ATTRIBUTES["a"]) | {"style"},
}
EMAIL_STYLE_PROPERTIES = {
    "background",
    "background-color",
    "border",
    "border-top",
    "border-bottom",
    "border-radius",
    "color",
    "font-family",
    "font-size",
    "font-weight",
    "line-height",
    "margin",
    "max-width",
    "padding",
    "text-align",
    "width",
}
_DROPPED_WITH_CONTENT = {"script", "style", "title", "noscript", "template", "iframe", "object"}


def stored_fragment(value):
    """A stored notification subject or body (HTML), reduced to the rich text allowlist."""
    return mark_safe(  # noqa: S308 - sanitised by the allowlist
        nh3.clean(
            str(value or ""),
            tags=ALLOWED_TAGS,
            clean_content_tags=_DROPPED_WITH_CONTENT,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="nofollow noopener noreferrer",
        )
    )


def stored_layout(value):
    """A sent email's HTML body or a flatpage, reduced to the layout allowlist (no script)."""
    return mark_safe(  # noqa: S308 - sanitised by the allowlist
        nh3.clean(
            str(value or ""),
            tags=EMAIL_TAGS,
            clean_content_tags=_DROPPED_WITH_CONTENT,
            attributes=EMAIL_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            filter_style_properties=EMAIL_STYLE_PROPERTIES,
            link_rel="nofollow noopener noreferrer",
        )
    )


def notification_subject(text, limit=255):
    """A plain subject as the HTML Oscar keeps for a notification: escaped, and cut (on the
    plain text, never inside an entity) to fit the ``limit`` characters of the column."""
    text = (text or "")[:limit]
    while len(escape(text)) > limit:
        text = text[: -max(1, (len(escape(text)) - limit) // 6)]
    return escape(text)
