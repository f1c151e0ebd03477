"""Service markers: skip locally when PostgreSQL/Redis/Chromium are missing, fail in CI."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SAMPLE = textwrap.dedent(
    """
    import pytest

    @pytest.mark.redis
    def test_needs_redis():
        pass

    @pytest.mark.postgres
    def test_needs_postgres():
        pass

    def test_plain_skip():
        pytest.skip("skipped on purpose")
    """
)


def run_sample(tmp_path, **env_overrides):
    """Run a small test file, outside tests/, through the project's conftest in a child pytest.

    The file stays out of the tree so a concurrent run of the suite never collects it.
    """
    sample = tmp_path / "test_sample.py"
    sample.write_text(SAMPLE)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    env.update(env_overrides)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-rA",
            "-p",
            "no:cacheprovider",
            "-c",
            str(ROOT / "pyproject.toml"),
            "--rootdir",
            str(ROOT),
            "-p",
            "tests.conftest",
            str(sample),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_missing_services_skip_with_a_reason_locally(tmp_path):
    result = run_sample(tmp_path, REDIS_URL="", OCOP_REQUIRE_SERVICES="")

    assert result.returncode == 0, result.stdout
    assert "3 skipped" in result.stdout
    assert "needs Redis: REDIS_URL is not set" in result.stdout
    assert "needs PostgreSQL" in result.stdout


def test_missing_services_and_any_skip_fail_when_services_are_required(tmp_path):
    result = run_sample(tmp_path, REDIS_URL="redis://127.0.0.1:1/0", OCOP_REQUIRE_SERVICES="1")

    assert result.returncode == 1, result.stdout
    assert "1 failed, 2 errors" in result.stdout
    assert "needs Redis: redis://127.0.0.1:1/0 does not answer" in result.stdout
    assert "nothing may skip in CI" in result.stdout


@pytest.mark.redis
def test_redis_marked_tests_run_when_redis_answers():
    import redis

    assert redis.Redis.from_url(os.environ["REDIS_URL"]).ping()


@pytest.mark.postgres
def test_postgres_marked_tests_run_on_postgresql(db):
    from django.db import connection

    assert connection.vendor == "postgresql"
