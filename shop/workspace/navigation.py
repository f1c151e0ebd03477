"""Dashboard menu: the workspace entries are shown to users who act for a producer."""

from oscar.core.loading import get_class

default_access_fn = get_class("dashboard.nav", "default_access_fn")


def producer_access(user, url_name, url_args=None, url_kwargs=None):
    from .services import is_producer_user

    return is_producer_user(user) and default_access_fn(user, url_name, url_args, url_kwargs)
