"""XSS payloads, and a check that a page (or email) built from them runs none.

Every payload, if it ran, would set ``window.__xss``. ``assert_inert`` parses HTML the way a
browser does (and the documents inside ``<iframe srcdoc>``) and fails on any element that
could run a payload: an event handler attribute, a script or style holding a marker, a
``javascript:`` URL, a frame fed from a payload.
"""

from html.parser import HTMLParser

MARKER = "__xss"

PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=2">',
    "<svg onload=window.__xss=3>",
    '<a href="javascript:window.__xss=4">link</a>',
    '" onmouseover="window.__xss=5" x="',
    "' onfocus='window.__xss=6' autofocus='",
    "</title><script>window.__xss=7</script>",
    "{{ request.user }}{% debug %}<b onclick=window.__xss=8>tpl</b>",
    '<iframe srcdoc="<script>parent.__xss=9</script>"></iframe>',
    "&lt;script&gt;window.__xss=10&lt;/script&gt;",
    "<scr<script>ipt>window.__xss=11</scr</script>ipt>",
    "<IMG SRC=JaVaScRiPt:window.__xss=12>",
    '<a href="&#106;avascript:window.__xss=13">enc</a>',
    "<details open ontoggle=window.__xss=14>",
    "<body onload=window.__xss=15>",
    '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=16">',
    "</textarea><script>window.__xss=17</script>",
    '<input value="" autofocus onfocus=window.__xss=18>',
    "<style>@import 'javascript:window.__xss=19';</style>",
    '"><svg/onload=window.__xss=20>',
]

# A short form that fits the shortest fields (e.g. 128-character names).
SHORT = ['<img src=x onerror="window.__xss=21">', "<script>window.__xss=22</script>"]


def batch(payloads=None, limit=None):
    """Payloads joined into one text (for one field), cut to ``limit`` characters."""
    text = " | ".join(payloads or PAYLOADS)
    return text[:limit] if limit else text


class _Inspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self._raw = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and MARKER in value:
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                if value.strip().lower().replace("\t", "").startswith("javascript:"):
                    self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "srcdoc":
                self.problems.extend(f"srcdoc: {p}" for p in inspect(value))
        if tag in ("script", "style"):
            self._raw = tag

    def handle_endtag(self, tag):
        if tag == self._raw:
            self._raw = None

    def handle_data(self, data):
        if self._raw and MARKER in data:
            self.problems.append(f"<{self._raw}> {data.strip()[:80]!r}")


def inspect(html):
    """What in ``html`` could run a payload (empty when nothing)."""
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    return inspector.problems


def assert_inert(html, where=""):
    problems = inspect(html)
    assert not problems, f"{where}: payloads would run: {problems[:5]}"


def batches(limit):
    """Every payload, packed into as few texts of at most ``limit`` characters as fit."""
    texts, current = [], ""
    for payload in PAYLOADS:
        joined = f"{current} | {payload}" if current else payload
        if len(joined) <= limit:
            current = joined
        else:
            texts.append(current)
            current = payload[:limit]
    return [*texts, current] if current else texts
