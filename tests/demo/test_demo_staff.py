"""``load_ocop_demo --with-staff``: development only, a random password shown once, and an
existing account is never changed."""

import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_refused_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_ocop_demo", "--with-staff", stdout=StringIO())
    assert not get_user_model().objects.filter(email="admin@ocop.local").exists()


def test_refused_with_debug_off_exits_non_zero():
    env = {"DEBUG": "0", "SECRET_KEY": "x" * 60, "PATH": "/usr/bin:/bin", "DATA_DIR": "/tmp"}
    done = subprocess.run(
        [sys.executable, "manage.py", "load_ocop_demo", "--with-staff"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "DEBUG" in done.stderr


def test_random_password_printed_once(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("load_ocop_demo", "--with-staff", stdout=out)
    password = re.search(r"admin@ocop\.local / password (\S+)", out.getvalue()).group(1)
    staff = get_user_model().objects.get(email="admin@ocop.local")
    assert staff.is_superuser and staff.check_password(password)
    assert not staff.check_password("ocop-demo-admin")

    again = StringIO()
    call_command("load_ocop_demo", "--with-staff", stdout=again)
    assert password not in again.getvalue()
    staff.refresh_from_db()
    assert staff.check_password(password)


def test_existing_self_registered_account_is_left_untouched(settings):
    settings.DEBUG = True
    User = get_user_model()
    user = User.objects.create_user(
        username="somebody", email="Admin@ocop.local", password="chosen-by-them-42"
    )
    out = StringIO()
    call_command("load_ocop_demo", "--with-staff", stdout=out)
    assert "already exists" in out.getvalue()
    user.refresh_from_db()
    assert not (user.is_staff or user.is_superuser)
    assert user.check_password("chosen-by-them-42")
    assert User.objects.filter(email__iexact="admin@ocop.local").count() == 1
