"""Production settings pass ``check --deploy``; the environment picks database, cache, broker.

Each case runs in a fresh interpreter so that settings are read from exactly the environment
given, without anything inherited from the test run (CI sets DATABASE_URL and REDIS_URL).
"""

import json
import os
import secrets
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Variables the settings read; they are removed from the child's environment unless given.
SETTINGS_VARIABLES = (
    "DEBUG SECRET_KEY ALLOWED_HOSTS CSRF_TRUSTED_ORIGINS DATA_DIR DATABASE_URL CONN_MAX_AGE "
    "REDIS_URL CACHE_KEY_PREFIX CELERY_BROKER_URL CELERY_TASK_ALWAYS_EAGER STATIC_ROOT "
    "MEDIA_ROOT SERVE_MEDIA EMAIL_BACKEND DEFAULT_FROM_EMAIL SHOP_NAME SECURE_SSL_REDIRECT "
    "SECURE_HSTS_SECONDS LOG_LEVEL OCOP_PROVINCE_CODE OCOP_REGION_SCHEME DJANGO_SETTINGS_MODULE "
    "SITE_URL SECURITY_CONTACT_EMAIL EMAIL_URL STRIPE_SECRET_KEY STRIPE_PUBLISHABLE_KEY "
    "STRIPE_WEBHOOK_SECRET STRIPE_API_BASE STRIPE_JS_URL"
).split()
# Set for the test run only (live server with Playwright); never in a deployment.
TEST_ONLY_VARIABLES = ("DJANGO_ALLOW_ASYNC_UNSAFE",)

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "shop.example.vn",
    "SITE_URL": "https://shop.example.vn",
    "SECURITY_CONTACT_EMAIL": "security@shop.example.vn",
}
# Everything an operator sets for a real deployment (README "Security").
FULL_PRODUCTION = {
    **PRODUCTION,
    "CSRF_TRUSTED_ORIGINS": "https://shop.example.vn",
    "DATABASE_URL": "postgres://shop:secret@db.example.vn:5432/ocop",
    "REDIS_URL": "redis://cache.example.vn:6379/0",
    "EMAIL_URL": "smtp+tls://shop:secret@mail.example.vn:587",
    "DEFAULT_FROM_EMAIL": "Chợ OCOP <no-reply@shop.example.vn>",
    "STRIPE_SECRET_KEY": "sk_live_" + secrets.token_hex(12),
    "STRIPE_PUBLISHABLE_KEY": "pk_live_" + secrets.token_hex(12),
    "STRIPE_WEBHOOK_SECRET": "whsec_" + secrets.token_hex(12),
}


def run(args, tmp_path, **variables):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in (*SETTINGS_VARIABLES, *TEST_ONLY_VARIABLES)
    }
    env.update({"DATA_DIR": str(tmp_path / "data"), "STATIC_ROOT": str(tmp_path / "static")})
    env.update(variables)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def effective_settings(tmp_path, **variables):
    """The database engine, cache backend and Celery settings Django ends up with."""
    code = textwrap.dedent(
        """
        import json, django
        from django.conf import settings
        django.setup()
        from marketplace.celery import app
        print(json.dumps({
            "engine": settings.DATABASES["default"]["ENGINE"],
            "name": str(settings.DATABASES["default"]["NAME"]),
            "host": settings.DATABASES["default"].get("HOST", ""),
            "cache": settings.CACHES["default"]["BACKEND"],
            "cache_location": settings.CACHES["default"].get("LOCATION", ""),
            "broker": app.conf.broker_url,
            "eager": app.conf.task_always_eager,
            "debug": settings.DEBUG,
        }))
        """
    )
    result = run(["-c", code], tmp_path, DJANGO_SETTINGS_MODULE="marketplace.settings", **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_deploy_reports_no_warnings_with_production_settings(tmp_path):
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], tmp_path, **PRODUCTION
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_check_deploy_is_clean_with_a_full_production_environment(tmp_path):
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], tmp_path, **FULL_PRODUCTION
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_warns_when_security_reports_have_no_real_mailbox(tmp_path):
    variables = {**PRODUCTION, "SECURITY_CONTACT_EMAIL": "security@ocop.local"}

    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], tmp_path, **variables
    )

    assert result.returncode != 0
    assert "ocop.W102" in result.stdout + result.stderr


def test_production_responses_carry_the_browser_security_headers(tmp_path):
    """Pages and static files, as served with DEBUG=0 (WhiteNoise answers static files)."""
    collected = run(["manage.py", "collectstatic", "--noinput"], tmp_path, **PRODUCTION)
    assert collected.returncode == 0, collected.stderr
    code = textwrap.dedent(
        """
        import json, django
        django.setup()
        from django.templatetags.static import static
        from django.test import Client
        client = Client()
        names = ("Content-Security-Policy", "Permissions-Policy", "Referrer-Policy",
                 "X-Content-Type-Options", "Cross-Origin-Opener-Policy",
                 "Strict-Transport-Security")
        found = {}
        for url in ("/.well-known/security.txt", static("js/actions.js")):
            response = client.get(url, secure=True, HTTP_HOST="shop.example.vn")
            found[url] = [response.status_code, {n: response.get(n) for n in names}]
        print(json.dumps(found))
        """
    )
    served = run(
        ["-c", code], tmp_path, DJANGO_SETTINGS_MODULE="marketplace.settings", **PRODUCTION
    )
    assert served.returncode == 0, served.stderr
    found = json.loads(served.stdout.strip().splitlines()[-1])

    page, static_file = found.values()
    for status, headers in (page, static_file):
        assert status == 200
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
        assert "max-age=31536000" in headers["Strict-Transport-Security"]
    page_csp = dict(
        part.strip().split(" ", 1) for part in page[1]["Content-Security-Policy"].split(";")
    )
    assert page_csp["script-src"] == "'self' https://js.stripe.com"
    assert page_csp["frame-ancestors"] == "'none'"
    assert "camera=()" in page[1]["Permissions-Policy"]
    # A static file opened as a document (an SVG, say) may run nothing at all.
    static_csp = static_file[1]["Content-Security-Policy"]
    assert static_csp.startswith("default-src 'none';")
    assert "script-src" not in static_csp


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run(["manage.py", "check"], tmp_path, DEBUG="0", ALLOWED_HOSTS="shop.example.vn")

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG=0" in result.stderr


def test_production_static_files_are_collected_and_served_by_whitenoise(tmp_path):
    collected = run(["manage.py", "collectstatic", "--noinput"], tmp_path, **PRODUCTION)
    assert collected.returncode == 0, collected.stderr
    assert (tmp_path / "static" / "staticfiles.json").exists()

    code = textwrap.dedent(
        """
        import django
        django.setup()
        from django.templatetags.static import static
        from django.test import Client
        url = static("oscar/css/styles.css")
        response = Client().get(url, secure=True, HTTP_HOST="shop.example.vn")
        print(url, response.status_code, response["Cache-Control"])
        """
    )
    served = run(
        ["-c", code], tmp_path, DJANGO_SETTINGS_MODULE="marketplace.settings", **PRODUCTION
    )
    assert served.returncode == 0, served.stderr
    url, status, cache_control = served.stdout.split(maxsplit=2)
    assert url.startswith("/static/oscar/css/styles.") and url != "/static/oscar/css/styles.css"
    assert status == "200"
    assert "immutable" in cache_control


def test_without_database_url_the_database_is_a_sqlite_file_in_data_dir(tmp_path):
    found = effective_settings(tmp_path)

    assert found["engine"] == "django.db.backends.sqlite3"
    assert found["name"] == str(tmp_path / "data" / "db.sqlite3")
    assert found["debug"] is True


def test_database_url_switches_to_postgresql(tmp_path):
    found = effective_settings(
        tmp_path, DATABASE_URL="postgres://shop:secret@db.example.vn:5432/ocop"
    )

    assert found["engine"] == "django.db.backends.postgresql"
    assert found["name"] == "ocop"
    assert found["host"] == "db.example.vn"


def test_without_redis_url_the_cache_is_local_memory_and_tasks_run_in_process(tmp_path):
    found = effective_settings(tmp_path)

    assert found["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert found["broker"] == "memory://"
    assert found["eager"] is True


def test_redis_url_switches_cache_and_celery_broker_to_redis(tmp_path):
    found = effective_settings(tmp_path, REDIS_URL="redis://cache.example.vn:6379/2")

    assert found["cache"] == "django_redis.cache.RedisCache"
    assert found["cache_location"] == "redis://cache.example.vn:6379/2"
    assert found["broker"] == "redis://cache.example.vn:6379/2"
    assert found["eager"] is False
