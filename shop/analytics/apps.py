import oscar.apps.analytics.apps as apps


class AnalyticsConfig(apps.AnalyticsConfig):
    """Oscar's analytics, with counters written after the shopper's transaction commits
    (``shop.analytics.receivers``) instead of Oscar's receivers, which wrote them inside it."""

    name = "shop.analytics"

    def ready(self):
        # Not Oscar's ``ready``: its receivers must not be connected.
        from . import receivers  # noqa: F401
