import pytest
from django.core.management import call_command
from django.test import override_settings

from shop.banktransfer import services, tasks

from .conftest import place_order

pytestmark = pytest.mark.django_db


def refreshed(order):
    order.refresh_from_db()
    order.test_stockrecord.refresh_from_db()
    return order


def test_only_unpaid_transfers_older_than_the_timeout_are_cancelled(hours_ago):
    old = place_order(quantity=2, placed=hours_ago(49))
    new = place_order(quantity=2, placed=hours_ago(47))
    paid = place_order(quantity=2, placed=hours_ago(72))
    services.mark_paid(paid, amount=paid.total_incl_tax, reference="FT2611290001")
    not_transfer = place_order(quantity=2, bank_transfer=False, placed=hours_ago(72))
    for order in (old, new, paid, not_transfer):
        assert order.test_stockrecord.num_allocated == 2

    assert services.cancel_unpaid_transfers() == 1

    assert refreshed(old).status == "cancelled"
    assert old.test_stockrecord.num_allocated == 0  # stock back on sale
    assert old.test_stockrecord.net_stock_level == 10
    assert refreshed(new).status == "pending_payment"
    assert new.test_stockrecord.num_allocated == 2
    assert refreshed(paid).status == "paid"
    assert paid.test_stockrecord.num_allocated == 2
    assert refreshed(not_transfer).status == "pending_payment"
    assert not_transfer.test_stockrecord.num_allocated == 2


def test_running_twice_changes_nothing_more(hours_ago):
    old = place_order(quantity=3, placed=hours_ago(50))
    assert services.cancel_unpaid_transfers() == 1
    assert services.cancel_unpaid_transfers() == 0
    assert refreshed(old).status == "cancelled"
    assert old.test_stockrecord.num_allocated == 0
    assert old.test_stockrecord.num_in_stock == 10


def test_timeout_comes_from_settings_and_now_can_be_given(settings, hours_ago):
    settings.BANK_TRANSFER_TIMEOUT_HOURS = 2
    order = place_order(placed=hours_ago(3))
    assert services.cancel_unpaid_transfers(now=hours_ago(2)) == 0  # only 1 hour old then
    assert refreshed(order).status == "pending_payment"
    assert services.cancel_unpaid_transfers() == 1
    assert refreshed(order).status == "cancelled"


def test_management_command(hours_ago, capsys):
    order = place_order(placed=hours_ago(49))
    call_command("cancel_unpaid_transfers")
    assert "Cancelled 1 unpaid bank-transfer order(s)." in capsys.readouterr().out
    assert refreshed(order).status == "cancelled"


@override_settings(CELERY_TASK_ALWAYS_EAGER=True)
def test_celery_task_and_beat_schedule(settings, hours_ago):
    order = place_order(placed=hours_ago(49))
    assert tasks.cancel_unpaid_transfers_task.delay().get() == 1
    assert refreshed(order).status == "cancelled"
    entries = [
        e
        for e in settings.CELERY_BEAT_SCHEDULE.values()
        if e["task"] == tasks.cancel_unpaid_transfers_task.name
    ]
    assert entries and entries[0]["schedule"] <= 15 * 60


def test_an_order_the_checkout_refuses_to_cancel_does_not_stop_the_others(monkeypatch, hours_ago):
    first = place_order(placed=hours_ago(60))
    second = place_order(placed=hours_ago(50))
    real = services._checkout()

    class Refusing:
        mark_order_paid = staticmethod(real.mark_order_paid)

        @staticmethod
        def cancel_order(order, *, reason, user=None):
            if order.pk == first.pk:
                raise ValueError("refused")
            return real.cancel_order(order, reason=reason, user=user)

    monkeypatch.setattr(services, "_checkout", lambda: Refusing)
    assert services.cancel_unpaid_transfers() == 1
    assert refreshed(first).status == "pending_payment"
    assert refreshed(second).status == "cancelled"
