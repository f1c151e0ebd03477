"""Rate limits of writing reviews and voting, per signed-in user and per IP address
(django-ratelimit, counted in the default cache)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

TOO_MANY_REVIEWS = _("You have written many reviews in a short time: please try again later.")
TOO_MANY_VOTES = _("You have voted many times in a short time: please try again later.")


def over_limit(request, group, rate):
    """Count this attempt against the user's and the IP address's limits; True when either
    is exceeded."""
    limited = False
    for key in ("user", "ip"):
        hit = is_ratelimited(
            request, group=group, key=key, rate=rate, method="POST", increment=True
        )
        limited = limited or hit
    return limited


def reviews_over_limit(request):
    return over_limit(request, "reviews:add", settings.REVIEWS_RATE_LIMIT)


def votes_over_limit(request):
    return over_limit(request, "reviews:vote", settings.REVIEW_VOTES_RATE_LIMIT)
