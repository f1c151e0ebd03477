"""Oscar's checkout session mixin: a basket line that ran out of stock since it was added
is reported in the words of the availability policy, which names the product ("… has just
sold out …"), instead of Oscar's sentence wrapped around it."""

from django.urls import reverse
from django.utils.translation import gettext as _
from oscar.apps.checkout import exceptions, session


class CheckoutSessionMixin(session.CheckoutSessionMixin):
    def check_basket_is_valid(self, request):
        problems = []
        for line in request.basket.all_lines():
            result = request.strategy.fetch_for_line(line)
            permitted, reason = result.availability.is_purchase_permitted(line.quantity)
            if permitted:
                continue
            title = line.product.get_title()
            if title in str(reason):  # already names the product
                problems.append(str(reason))
            else:  # Oscar's sentence (and its translation)
                problems.append(
                    _(
                        "'%(title)s' is no longer available to buy (%(reason)s). "
                        "Please adjust your basket to continue"
                    )
                    % {"title": title, "reason": reason}
                )
        if problems:
            raise exceptions.FailedPreCondition(url=reverse("basket:summary"), messages=problems)
