"""Finds inline script in templates: <script> without src or nonce, on…= handlers, javascript:."""

import re
from pathlib import Path

from django.template import engines
from django.template.exceptions import TemplateDoesNotExist

TAG = re.compile(r"<(?P<name>[a-zA-Z][\w-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)
HANDLER = re.compile(r"(?:^|\s)on[a-z]+\s*=", re.I)
JAVASCRIPT_URL = re.compile(r"""=\s*["']?\s*javascript:""", re.I)
SRC_OR_NONCE = re.compile(r"(?:^|\s)(?:src|nonce)\s*=", re.I)
# Script elements the browser does not run (data for json_script, templates).
DATA_TYPE = re.compile(
    r"""(?:^|\s)type\s*=\s*["'](?:application/(?:ld\+)?json|text/template)["']""", re.I
)


def inline_script(source):
    """The offending tags in a template's source, as (line, tag) pairs."""
    source = re.sub(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", "", source, flags=re.S)
    source = re.sub(r"{#.*?#}", "", source)
    found = []
    for match in TAG.finditer(source):
        name, attrs = match["name"].lower(), match["attrs"]
        bad = HANDLER.search(attrs) or JAVASCRIPT_URL.search(attrs)
        if name == "script" and not SRC_OR_NONCE.search(attrs) and not DATA_TYPE.search(attrs):
            bad = True
        if bad:
            line = source.count("\n", 0, match.start()) + 1
            found.append((line, match.group(0)[:120]))
    return found


def effective_templates():
    """Every template file the project's engine would load for its name (overrides win)."""
    engine = engines["django"].engine
    seen = {}
    for loader in engine.template_loaders:
        for directory in loader.get_dirs():
            root = Path(directory)
            for path in sorted(root.rglob("*.html")):
                name = path.relative_to(root).as_posix()
                if name in seen:
                    continue
                try:
                    origin = engine.get_template(name).origin.name
                except (TemplateDoesNotExist, Exception):  # noqa: BLE001 - unloadable: skip
                    continue
                seen[name] = Path(origin)
    return seen
