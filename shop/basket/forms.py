"""Oscar's basket forms, plus the basket-level stock check of gift bundles: bundle lines and
loose lines of the same products draw on the same stock."""

from django import forms
from oscar.apps.basket import forms as basket_forms
from oscar.apps.basket.forms import *  # noqa: F403

from shop.bundles.services import basket_problem


class BasketLineForm(basket_forms.BasketLineForm):
    def check_permission(self, qty):
        super().check_permission(qty)
        problem = basket_problem(self.instance.basket, line=self.instance, new_quantity=qty)
        if problem:
            raise forms.ValidationError(problem)


class AddToBasketForm(basket_forms.AddToBasketForm):
    def clean(self):
        cleaned_data = super().clean()
        if self.errors:
            return cleaned_data
        info = self.basket.strategy.fetch_for_product(self.product)
        problem = basket_problem(
            self.basket,
            product=self.product,
            stockrecord=info.stockrecord,
            add=cleaned_data.get("quantity", 1),
        )
        if problem:
            raise forms.ValidationError(problem)
        return cleaned_data


class SimpleAddToBasketForm(basket_forms.SimpleAddToBasketMixin, AddToBasketForm):
    pass
