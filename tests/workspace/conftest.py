import pytest

from tests.workspace.helpers import make_producer, make_user, order_with_lines_of


@pytest.fixture
def producer_a(db):
    return make_producer("HTX Tỏi Lý Sơn", "tois")


@pytest.fixture
def producer_b(db):
    return make_producer("Cơ sở Mạch nha Thi Phổ", "machnha")


@pytest.fixture
def shared_order(producer_a, producer_b):
    """A paid order with a line of producer A and a line of producer B."""
    return order_with_lines_of(producer_a, producer_b, customer=make_user("khach"))


@pytest.fixture
def staff_user(db):
    return make_user(
        "vanphong",
        staff=True,
        codenames=[
            "change_producerapplication",
            "view_producerapplication",
            "view_order",
            "change_order",
        ],
    )


@pytest.fixture(autouse=True)
def _tasks_in_process():
    """Stock imports run in-process here (a real worker is started in test_stock_worker.py)."""
    from marketplace.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous
