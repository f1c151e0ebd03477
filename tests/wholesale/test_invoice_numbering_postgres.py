"""VAT invoice numbers under concurrency on PostgreSQL: business orders placed at once get
consecutive numbers, with no gap even when a transaction that took a number rolls back."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction

from shop.wholesale import services
from shop.wholesale.models import Invoice
from tests.checkout.helpers import ensure_vietnam

from . import helpers

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ORDERS = 12
ROLLBACKS = 4


class Abort(Exception):
    pass


def test_concurrent_business_orders_get_an_unbroken_sequence():
    ensure_vietnam()
    helpers.wholesale_product(num_in_stock=100_000)
    buyers = []
    for index in range(ORDERS):
        user = helpers.user(f"mua{index}@sieuthi.vn")
        company = helpers.business(
            buyer=user,
            tax_code=helpers.valid_tax_code(index),
            name=f"Siêu thị {index}",
            terms="prepaid",
        )
        buyers.append((user.pk, company.pk))
    barrier = threading.Barrier(ORDERS + ROLLBACKS)
    outcomes = []
    lock = threading.Lock()

    def place(user_pk, business_pk):
        try:
            user = get_user_model().objects.get(pk=user_pk)
            company = services.Business.objects.get(pk=business_pk)
            barrier.wait(timeout=30)
            order = services.place_business_order(
                user=user, business=company, rows=[(1, "MN-THIPHO", 60)], po_number=f"PO-{user_pk}"
            )
            outcome = ("order", order.number)
        except Exception as exc:  # noqa: BLE001 - the test reports any other outcome
            outcome = ("error", repr(exc))
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    def take_and_roll_back():
        try:
            barrier.wait(timeout=30)
            with transaction.atomic():
                services.next_invoice_number()
                raise Abort
        except Abort:
            outcome = ("rolled back", None)
        except Exception as exc:  # noqa: BLE001
            outcome = ("error", repr(exc))
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=place, args=pair) for pair in buyers]
    threads += [threading.Thread(target=take_and_roll_back) for _ in range(ROLLBACKS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    errors = [o for o in outcomes if o[0] == "error"]
    assert not errors, errors
    numbers = sorted(Invoice.objects.values_list("number", flat=True))
    assert numbers == list(range(1, ORDERS + 1))
    assert len({o[1] for o in outcomes if o[0] == "order"}) == ORDERS
