from django import template

from ..models import CardPayment

register = template.Library()


@register.simple_tag
def card_payment_for(order):
    """The order's card payment that took money (or its latest attempt), or None."""
    payments = CardPayment.objects.filter(order_number=order.number)
    return payments.filter(status=CardPayment.Status.SUCCEEDED).first() or payments.first()
