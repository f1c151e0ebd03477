"""Order processing: a status change to "cancelled" made in the dashboard (order page or
order list) goes through ``shop.checkout.services.cancel_order``, like every other
cancellation: the stock held by the order goes back on sale (gift bundle components
included), the customer and the producers are told, and a paid order must be refunded
first."""

from django.utils.translation import gettext
from oscar.apps.order import processing
from oscar.apps.payment.exceptions import PaymentError


class EventHandler(processing.EventHandler):
    def handle_order_status_change(self, order, new_status, note_msg=None):
        from shop.checkout import services

        if new_status == services.SHIPPED:
            # Everything the order still holds leaves the warehouse with it.
            services.consume_shipped(services.unsent_allocations(order))
            from shop.workspace.services import close_packed_parcels

            close_packed_parcels(order)
        if new_status != services.CANCELLED:
            return super().handle_order_status_change(order, new_status, note_msg=note_msg)
        try:
            services.cancel_order(order, reason=gettext("Cancelled by the shop."), user=self.user)
        except services.CannotCancel as exc:
            raise PaymentError(str(exc)) from exc
        order.refresh_from_db()
        if note_msg:
            self.create_note(order, note_msg)
