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
    "SECURE_HSTS_SECONDS LOG_LEVEL OCOP_PROVINCE_CODE OCOP_REGION_SCHEME DJANGO_SETTINGS_MODULE"
).split()
# Set for the test run only (live server with Playwright); never in a deployment.
TEST_ONLY_VARIABLES = ("DJANGO_ALLOW_ASYNC_UNSAFE",)

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "shop.example.vn",
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
