"""No template the shop renders runs inline script, which the Content-Security-Policy blocks.

Every template the engine would load (the project's overrides, the apps', Oscar's, Django's
and third-party apps'), read from the file that wins for its name: no ``on…=`` handler
attribute, no ``javascript:`` URL, and no ``<script>`` without ``src`` or the request's nonce
(JSON data blocks excepted).
"""

from tests.headers.scripts import effective_templates, inline_script

# Pages of libraries that the shop does not serve (no URL routes to them).
NOT_SERVED = {
    "drf_spectacular/redoc.html",
    "drf_spectacular/swagger_ui.html",
}


def test_the_scanner_finds_every_kind_of_inline_script():
    source = """
        <button onclick="go()">x</button>
        <img src="a.png"
             onerror='alert(1)'>
        <a href="javascript:history.back()">back</a>
        <script>alert(1)</script>
        <script src="/static/a.js"></script>
        <script nonce="{{ request.csp_nonce }}">ok()</script>
        <script type="application/json" id="data">{}</script>
        <a href="/" data-action="back" title="one=two">fine</a>
        {% comment %}<script>ignored()</script>{% endcomment %}
    """
    assert [line for line, _tag in inline_script(source)] == [2, 3, 5, 6]


def test_no_template_has_inline_script():
    templates = effective_templates()
    assert "oscar/layout.html" in templates and "oscar/dashboard/layout.html" in templates

    offenders = {
        name: found
        for name, path in templates.items()
        if name not in NOT_SERVED and (found := inline_script(path.read_text(errors="replace")))
    }

    assert offenders == {}


def test_oscar_page_initialisation_carries_the_nonce():
    base = effective_templates()["oscar/base.html"].read_text()

    assert '<script nonce="{{ request.csp_nonce }}">' in base
    assert "{% block onbodyload %}" in base
