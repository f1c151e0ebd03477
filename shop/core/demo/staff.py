"""The demo staff account of ``load_ocop_demo --with-staff``: only with DEBUG on, with a
random password shown once, and never touching an account that already exists."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured

STAFF_EMAIL = "admin@ocop.local"
STAFF_USERNAME = "ocop-admin"


def create_demo_staff():
    """Returns ``(user, password)`` for a new account, ``(existing, None)`` when the email or
    username is taken (left exactly as it is). Refuses with DEBUG off."""
    if not settings.DEBUG:
        raise ImproperlyConfigured(
            "--with-staff creates a demonstration superuser and runs only with DEBUG on. "
            "In production create staff accounts with `manage.py createsuperuser`."
        )
    User = get_user_model()
    existing = User.objects.filter(email__iexact=STAFF_EMAIL).first()
    existing = existing or User.objects.filter(username=STAFF_USERNAME).first()
    if existing is not None:
        return existing, None
    password = secrets.token_urlsafe(12)
    user = User.objects.create_superuser(
        username=STAFF_USERNAME, email=STAFF_EMAIL, password=password
    )
    return user, password
