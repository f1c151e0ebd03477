from django import template

from ..models import CardPayment

register = template.Library()


@register.simple_tag
def card_payment_for(order):
    """The order's card payment that took money (or its latest attempt), or None."""
    payments = CardPayment.objects.filter(order_number=order.number)
    return payments.filter(status=CardPayment.Status.SUCCEEDED).first() or payments.first()


@register.simple_tag
def card_payment_mismatches(order):
    """Money that arrived for the order without paying it (staff refund it)."""
    from ..models import PaymentMismatch

    return list(PaymentMismatch.objects.filter(order=order))


@register.simple_tag
def card_refunds(payment):
    """The refunds of a card payment, each with its status at Stripe."""
    return list(payment.refunds.all()) if payment else []
