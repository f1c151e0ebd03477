"""Collect the msgids a set of templates or Python modules ask gettext for.

Templates go through Django's own ``templatize`` (what ``makemessages`` runs), so the msgids
are exactly the ones looked up at runtime, ``{% blocktranslate trimmed %}`` included.
"""

import io
from pathlib import Path

from babel.messages.extract import extract_python
from django.utils.translation.template import templatize

KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}


def _messages(python_source):
    """(context, msgid, plural) for every literal gettext call in ``python_source``."""
    found = []
    for _lineno, funcname, messages, _comments in extract_python(
        io.BytesIO(python_source.encode("utf-8")), KEYWORDS, [], {"encoding": "utf-8"}
    ):
        if not isinstance(messages, tuple):
            messages = (messages,)
        context = None
        if funcname.startswith(("pgettext", "npgettext")):
            context, messages = messages[0], messages[1:]
        msgid = messages[0]
        plural = messages[1] if len(messages) > 1 else None
        if not isinstance(msgid, str) or not msgid or context is not None and not context:
            continue  # a call with a variable, not a literal: nothing to look up
        found.append((context, msgid, plural))
    return found


def template_msgids(path):
    source = Path(path).read_text(encoding="utf-8")
    # templatize keeps the template's indentation, which Python's tokenizer rejects; its
    # gettext() calls are single-line literals, so dropping leading blanks is safe.
    python_like = "\n".join(
        line.lstrip() for line in templatize(source, origin=str(path)).splitlines()
    )
    return _messages(python_like)


def python_msgids(path):
    return _messages(Path(path).read_text(encoding="utf-8"))
