import functools
import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded and generated files go to a per-test folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _vietnamese_by_default(settings):
    settings.LANGUAGE_CODE = "vi"


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):
    """Each test counts its own requests: rate-limit and API throttle counters start at 0."""
    import uuid

    settings.RATELIMIT_CACHE_PREFIX = f"rl-{uuid.uuid4().hex}:"


# --- Services the suite needs: PostgreSQL, Redis, Chromium ---------------------------------
#
# Tests marked ``postgres``, ``redis`` or ``browser`` need a real service. Locally they skip
# with a clear reason when it is missing; with OCOP_REQUIRE_SERVICES=1 (set by .ci/run) a
# missing service is a failure, and so is any other skip: nothing skips in CI.

CHROMIUM = "/usr/bin/chromium"


def services_required():
    return os.environ.get("OCOP_REQUIRE_SERVICES", "") not in ("", "0", "false", "False")


def require_service(available, reason):
    """Skip (locally) or fail (OCOP_REQUIRE_SERVICES=1) when a needed service is missing."""
    if available:
        return
    if services_required():
        pytest.fail(f"{reason} (required: OCOP_REQUIRE_SERVICES=1)", pytrace=False)
    pytest.skip(reason)


def _postgres_missing():
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" in engine:
        return None
    return f"needs PostgreSQL: DATABASE_URL is not a postgres:// URL (engine {engine})"


@functools.cache
def _redis_missing():
    url = os.environ.get("REDIS_URL", "")
    if not url:
        return "needs Redis: REDIS_URL is not set"
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).ping()
    except Exception as exc:  # any failure to connect means the service is not there
        return f"needs Redis: {url} does not answer ({exc.__class__.__name__}: {exc})"
    return None


@functools.cache
def _browser_missing():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "needs a browser: the playwright package is not installed"
    if not os.access(CHROMIUM, os.X_OK):
        return f"needs a browser: {CHROMIUM} is missing (apt-get install chromium)"
    return None


_SERVICE_CHECKS = {
    "postgres": _postgres_missing,
    "redis": _redis_missing,
    "browser": _browser_missing,
}


_TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server", "django_db_serialized_rollback"}


def _serialized_rollback_for_every_transactional_test(item):
    """A transactional test empties the database when it ends; with serialized rollback it
    does so without re-running post_migrate, and the next one starts from the rows the
    migrations made (Site, Vietnam as shipping country, product groups, content types).
    Without it on every such test, one that flushes normally leaves the content types
    post_migrate recreates, and the next serialized-rollback test fails to restore them."""
    marker = item.get_closest_marker("django_db")
    kwargs = dict(marker.kwargs) if marker else {}
    transactional = kwargs.get("transaction") or _TRANSACTIONAL_FIXTURES & set(item.fixturenames)
    if transactional and not kwargs.get("serialized_rollback"):
        kwargs.update(transaction=True, serialized_rollback=True)
        item.add_marker(pytest.mark.django_db(**kwargs))


def pytest_collection_modifyitems(config, items):
    """Everything under tests/browser/ drives Chromium: mark it ``browser``. Every
    transactional test restores the migrations' rows (serialized rollback)."""
    browser_dir = os.path.join(os.path.dirname(__file__), "browser") + os.sep
    for item in items:
        if str(item.path).startswith(browser_dir):
            item.add_marker(pytest.mark.browser)
        _serialized_rollback_for_every_transactional_test(item)


def pytest_runtest_setup(item):
    for marker, check in _SERVICE_CHECKS.items():
        if item.get_closest_marker(marker) is not None:
            missing = check()
            require_service(missing is None, missing)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI (OCOP_REQUIRE_SERVICES=1) a skipped test is reported as a failure."""
    outcome = yield
    report = outcome.get_result()
    if services_required() and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped, but nothing may skip in CI (OCOP_REQUIRE_SERVICES=1): {reason}"


@pytest.fixture
def demo_data(db):
    """The Quảng Ngãi demo catalogue, loaded by the real management command."""
    from django.core.management import call_command

    call_command("load_ocop_demo", verbosity=0)
