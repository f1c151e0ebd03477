"""Property-based tests (hypothesis) of the availability rule of gift bundles.

The rule: bundles sellable = min over components of floor(free stock / quantity needed);
bundle lines and loose lines of the same products in one basket draw on the same stock, and
an order is placed only when every component's stock covers the whole basket.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase
from oscar.core.loading import get_model

from shop.bundles import services
from shop.checkout import services as checkout
from tests.bundles.helpers import bundle, component, free
from tests.checkout.helpers import basket_with, ensure_vietnam, place

StockRecord = get_model("partner", "StockRecord")

requirement = st.tuples(st.one_of(st.none(), st.integers(0, 500)), st.integers(1, 12))


@given(st.lists(requirement, max_size=6))
def test_sellable_bundles_is_the_largest_number_the_components_cover(requirements):
    sellable = services.sellable_bundles(requirements)
    tracked = [(free_units, qty) for free_units, qty in requirements if free_units is not None]
    if not requirements:
        assert sellable == 0
        return
    if not tracked:
        assert sellable is None
        return
    assert sellable >= 0
    # ``sellable`` bundles fit, one more does not.
    assert all(sellable * qty <= free_units for free_units, qty in tracked)
    assert any((sellable + 1) * qty > free_units for free_units, qty in tracked)


@given(
    st.dictionaries(st.integers(1, 5), st.integers(0, 40), max_size=5),
    st.dictionaries(st.integers(1, 5), st.integers(0, 40), max_size=5),
)
def test_shortfalls_are_exactly_the_records_asking_more_than_is_free(wanted, free_units):
    needs = {key: services.Need(quantity, None) for key, quantity in wanted.items()}
    short = services.shortfalls(needs, free_units)
    assert set(short) == {key for key, qty in wanted.items() if qty > free_units.get(key, 0)}


component_spec = st.tuples(
    st.integers(0, 12),  # units in stock
    st.integers(0, 4),  # units already allocated to other orders
    st.integers(1, 3),  # units per bundle
    st.integers(0, 4),  # loose units of this component in the basket
)


class BundleBasketProperties(TestCase):
    """Random stocks, bundle sizes and baskets mixing bundle and loose lines, on the database."""

    @settings(
        max_examples=20,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(specs=st.lists(component_spec, min_size=1, max_size=3), bundles=st.integers(1, 4))
    def test_basket_check_availability_and_order_agree_with_the_rule(self, specs, bundles):
        ensure_vietnam()
        products = []
        for in_stock, allocated, _per_bundle, _loose in specs:
            product = component(num_in_stock=in_stock)
            StockRecord.objects.filter(product=product).update(
                num_allocated=min(allocated, in_stock)
            )
            products.append(product)
        gift = bundle([(p, spec[2]) for p, spec in zip(products, specs, strict=True)])
        frees = [free(p) for p in products]

        # Availability shown for the bundle alone.
        expected = min(f // spec[2] for f, spec in zip(frees, specs, strict=True))
        assert services.bundle_availability(gift) == expected

        # One basket: ``bundles`` bundles plus loose units of the components.
        basket = basket_with(gift, bundles)
        for product, spec in zip(products, specs, strict=True):
            if spec[3]:
                basket.add_product(product, spec[3])
        basket = basket.__class__.objects.get(pk=basket.pk)
        basket.strategy = gift_strategy()
        fits = all(bundles * spec[2] + spec[3] <= f for f, spec in zip(frees, specs, strict=True))
        assert (services.basket_problem(basket) is None) == fits

        # Placing the order: all or nothing.
        try:
            place(basket)
            placed = True
        except checkout.SoldOut:
            placed = False
        assert placed == fits
        for product, spec, before in zip(products, specs, frees, strict=True):
            used = bundles * spec[2] + spec[3] if placed else 0
            assert free(product) == before - used


def gift_strategy():
    from oscar.core.loading import get_class

    return get_class("partner.strategy", "Selector")().strategy()
