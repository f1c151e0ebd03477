"""The email to the owner of an address someone tried to register again."""

from django.conf import settings
from django.urls import reverse
from oscar.apps.customer.utils import get_password_reset_url
from oscar.core.loading import get_class

from .site import public_url

Dispatcher = get_class("communication.utils", "Dispatcher")

EXISTING_ACCOUNT_EVENT = "EXISTING_ACCOUNT"


def send_existing_account_email(user, request=None):
    """Tell ``user`` that their address already has an account, with sign-in and reset links."""
    context = {
        "user": user,
        "shop_name": settings.OSCAR_SHOP_NAME,
        "login_url": public_url(reverse("customer:login")),
        "reset_url": public_url(get_password_reset_url(user)),
        "request": request,
    }
    dispatcher = Dispatcher()
    messages = dispatcher.get_messages(EXISTING_ACCOUNT_EVENT, context)
    dispatcher.dispatch_user_messages(user, messages)
