"""Back-in-stock alerts: Oscar's views, with the sign-up (which emails a confirmation to any
address an anonymous visitor types) rate-limited per address and per email."""

from oscar.apps.customer.alerts import views

from shop.core.ratelimit import limit_class

ProductAlertListView = views.ProductAlertListView
ProductAlertConfirmView = views.ProductAlertConfirmView
ProductAlertCancelView = views.ProductAlertCancelView


@limit_class("alert", keys=("ip", "user_or_ip", "post:email"))
class ProductAlertCreateView(views.ProductAlertCreateView):
    pass
