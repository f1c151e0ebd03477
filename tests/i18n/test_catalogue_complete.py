"""Every string a shopper can see has a Vietnamese translation in the active catalogue.

Oscar ships a partial Vietnamese catalogue; marketplace/locale_oscar completes it and
marketplace/locale holds the project's own strings. These tests collect the msgids the
templates and Python code ask for and list any that Vietnamese would show in English.
"""

from pathlib import Path

import oscar
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import trans_real

from .msgids import python_msgids, template_msgids

OSCAR_DIR = Path(oscar.__file__).parent
PROJECT_DIR = Path(settings.BASE_DIR)
OSCAR_TEMPLATES = OSCAR_DIR / "templates" / "oscar"


def vietnamese_catalogue():
    with translation.override("vi"):
        return trans_real.translation("vi")._catalog


def has_translation(catalogue, context, msgid, plural):
    key = msgid if context is None else f"{context}\x04{msgid}"
    if plural is not None:
        key = (key, 0)
    try:
        return bool(catalogue[key])
    except KeyError:
        return False


def display_path(path):
    for root in (PROJECT_DIR, OSCAR_DIR.parent):
        if path.is_relative_to(root):
            return path.relative_to(root)
    return path


def missing_translations(files, extract):
    catalogue = vietnamese_catalogue()
    missing = set()
    for path in files:
        for context, msgid, plural in extract(path):
            if not has_translation(catalogue, context, msgid, plural):
                where = display_path(path)
                missing.add(f"{where}: {context + ' | ' if context else ''}{msgid.strip()!r}")
    return sorted(missing)


def shopper_templates():
    """Oscar's storefront templates (everything but the staff dashboard), emails included."""
    for path in sorted(OSCAR_TEMPLATES.rglob("*")):
        if (
            path.suffix in (".html", ".txt")
            and "dashboard" not in path.relative_to(OSCAR_TEMPLATES).parts
        ):
            yield path


def project_templates():
    for root in [PROJECT_DIR / "templates", *PROJECT_DIR.glob("shop/*/templates")]:
        yield from sorted(p for p in root.rglob("*") if p.suffix in (".html", ".txt"))


def project_python():
    for root in (PROJECT_DIR / "shop", PROJECT_DIR / "catalogue_ext", PROJECT_DIR / "marketplace"):
        for path in sorted(root.rglob("*.py")):
            if "migrations" not in path.parts and "tests" not in path.parts:
                yield path


def shopper_python():
    """Oscar's Python strings a shopper can meet: forms, messages, models' choices, views."""
    skip = {"dashboard", "migrations", "tests", "management"}
    for path in sorted(OSCAR_DIR.rglob("*.py")):
        rel = path.relative_to(OSCAR_DIR).parts
        if not skip.intersection(rel) and rel[0] in (
            "apps",
            "forms",
            "templatetags",
            "views",
            "core",
        ):
            yield path


def test_the_collector_finds_known_strings():
    """Guard against a collector that silently finds nothing."""
    found = {
        m[1].strip() for m in template_msgids(OSCAR_TEMPLATES / "partials" / "nav_primary.html")
    }
    assert {"Basket", "Browse store", "All products", "Total: %(total)s"} <= found
    plurals = template_msgids(PROJECT_DIR / "templates" / "producers" / "producer_list.html")
    assert (None, "%(n)s producer", "%(n)s producers") in plurals
    assert len(list(shopper_templates())) > 100


@pytest.mark.parametrize(
    "files, extract",
    [
        pytest.param(shopper_templates, template_msgids, id="oscar-storefront-templates"),
        pytest.param(project_templates, template_msgids, id="project-templates"),
        pytest.param(shopper_python, python_msgids, id="oscar-python"),
        pytest.param(project_python, python_msgids, id="project-python"),
    ],
)
def test_every_shopper_string_has_vietnamese(files, extract):
    missing = missing_translations(list(files()), extract)
    assert not missing, f"{len(missing)} strings have no Vietnamese translation:\n" + "\n".join(
        missing
    )


def test_oscar_dashboard_templates_are_translated_too():
    """Staff pages are not shopper-facing, but the completion covers them as well."""
    dashboard = sorted((OSCAR_TEMPLATES / "dashboard").rglob("*.html"))
    assert not missing_translations(dashboard, template_msgids)


def test_plural_forms_are_vietnamese():
    with translation.override("vi"):
        assert translation.ngettext("%(n)s producer", "%(n)s producers", 1) == "%(n)s chủ thể"
        assert translation.ngettext("%(n)s producer", "%(n)s producers", 7) == "%(n)s chủ thể"
    with translation.override("en"):
        assert translation.ngettext("%(n)s producer", "%(n)s producers", 7) == "%(n)s producers"


def test_compiled_catalogues_are_committed_and_current():
    """A fresh clone must show Vietnamese without gettext installed: each .mo file exists
    and holds every translation of its .po file."""
    from babel.messages.mofile import read_mo
    from babel.messages.pofile import read_po

    def entries(catalogue):
        found = set()
        for m in catalogue:
            if not m.id or m.fuzzy:
                continue
            string = tuple(m.string) if isinstance(m.string, (list, tuple)) else (m.string,)
            if any(string):
                msgid = tuple(m.id) if isinstance(m.id, (list, tuple)) else m.id
                found.add((m.context, msgid, string))
        return found

    for locale_dir in settings.LOCALE_PATHS:
        po_path = Path(locale_dir) / "vi" / "LC_MESSAGES" / "django.po"
        mo_path = po_path.with_suffix(".mo")
        assert mo_path.exists(), f"{mo_path} is missing: run manage.py compilemessages"
        with po_path.open("rb") as f:
            po = entries(read_po(f))
        with mo_path.open("rb") as f:
            mo = entries(read_mo(f))
        stale = sorted(str(e[1]) for e in po - mo)
        assert len(po) > 200
        assert not stale, f"{mo_path} is out of date (compilemessages): {stale[:5]}"


def test_python_collector_finds_oscar_messages():
    found = {m[1] for m in python_msgids(OSCAR_DIR / "apps" / "basket" / "views.py")}
    assert "Your basket is now empty" in found or len(found) > 5


def test_an_untranslated_string_is_reported(tmp_path):
    template = tmp_path / "a" / "b" / "c" / "page.html"
    template.parent.mkdir(parents=True)
    template.write_text(
        '{% load i18n %}{% trans "Basket" %}{% trans "A string nobody translated" %}'
        "{% blocktrans trimmed count n=3 %}\n  {{ n }} apple\n{% plural %}{{ n }} apples"
        "{% endblocktrans %}",
        encoding="utf-8",
    )
    missing = missing_translations([template], template_msgids)
    assert len(missing) == 2
    assert "A string nobody translated" in missing[0] + missing[1]


def test_oscar_python_strings_are_collected_in_bulk():
    assert sum(len(python_msgids(p)) for p in shopper_python()) > 500
