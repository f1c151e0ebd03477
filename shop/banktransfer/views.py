from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from oscar.core.loading import get_model

from . import services


@never_cache
def qr_png(request, order_number):
    """The order's VietQR code, for its owner (user or guest session) and staff only."""
    Order = get_model("order", "Order")
    order = Order.objects.filter(number=order_number).first()
    # Someone else's order looks exactly like a missing one.
    if (
        order is None
        or not services.is_bank_transfer(order)
        or not services.can_view(request, order, key=request.GET.get("key"))
    ):
        raise Http404
    response = HttpResponse(services.qr_png(order), content_type="image/png")
    return response
