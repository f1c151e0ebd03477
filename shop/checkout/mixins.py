from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from oscar.apps.checkout import mixins

from shop.bundles.services import record_gift_options, session_gift_options

from . import services


class OrderPlacementMixin(mixins.OrderPlacementMixin):
    """Orders are placed with stock checked and allocated atomically (no oversell)."""

    def place_order(self, order_number, user, basket, *args, **kwargs):
        with transaction.atomic():
            services.reserve_stock(basket)
            order = super().place_order(order_number, user, basket, *args, **kwargs)
            services.cascade_line_status(order)
            self.record_business_order(order)
            record_gift_options(order, session_gift_options(self.request))
            return order

    def record_business_order(self, order):
        """A verified business's order gets its PO number, store and VAT invoice."""
        session = getattr(self, "checkout_session", None)
        if session is None:
            return None
        from shop.wholesale import checkout as wholesale_checkout

        return wholesale_checkout.record(order, self.request, session, session.payment_method())

    def send_order_placed_email(self, order):
        """Nothing to send here: the notifications outbox recorded the order's messages in
        the order's transaction and sends them once it commits."""

    def handle_order_placement(self, order_number, user, basket, *args, **kwargs):
        try:
            return super().handle_order_placement(order_number, user, basket, *args, **kwargs)
        except services.SoldOut as exc:
            self.restore_frozen_basket()
            messages.error(self.request, str(exc))
            return redirect("basket:summary")
