"""README and .ci/run stay true to the code: every setting documented, one test command."""

import os
import re
import shlex
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
CI_RUN = ROOT / ".ci" / "run"


def settings_variables():
    source = (ROOT / "marketplace" / "settings.py").read_text()
    return set(re.findall(r"\benv(?:\.\w+)?\(\s*\"([A-Z][A-Z0-9_]*)\"", source))


def readme_table_variables():
    return set(re.findall(r"^\| `([A-Z][A-Z0-9_]*)` \|", README, flags=re.MULTILINE))


def ci_test_command():
    match = re.search(r"^TEST_COMMAND=(.+)$", CI_RUN.read_text(), flags=re.MULTILINE)
    assert match, ".ci/run defines no TEST_COMMAND"
    return shlex.split(match.group(1))[0]


def test_settings_read_the_documented_variables():
    found = settings_variables()

    assert {"DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS"} <= found


def test_every_environment_variable_the_settings_read_is_in_the_readme_table():
    missing = settings_variables() - readme_table_variables()

    assert not missing, f"README's configuration table lacks {sorted(missing)}"


def test_the_readme_table_documents_no_variable_the_settings_do_not_read():
    extra = readme_table_variables() - settings_variables()

    assert not extra, f"README documents variables the settings never read: {sorted(extra)}"


def test_ci_runs_exactly_the_readme_test_command():
    command = ci_test_command()

    assert command.endswith(".venv/bin/python -m pytest")
    assert f"```sh\n{command}\n```" in README


def test_readme_command_to_run_the_shop_loads_the_demo_and_serves_it():
    blocks = re.findall(r"```sh\n(.+?)\n```", README)
    run_shop = next(block for block in blocks if "runserver" in block)

    assert run_shop.startswith("python3 -m venv .venv && .venv/bin/pip install -r requirements.txt")
    assert "manage.py migrate && .venv/bin/python manage.py load_ocop_demo" in run_shop
    assert run_shop.endswith("manage.py runserver 127.0.0.1:8000")


def test_ci_script_is_strict_and_executable():
    text = CI_RUN.read_text()

    assert os.access(CI_RUN, os.X_OK)
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in text
    assert "export OCOP_REQUIRE_SERVICES=1" in text
    assert "export DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_ci" in text
    assert "export REDIS_URL=redis://127.0.0.1:6379/0" in text
    assert '"$status" -eq 5' in text
