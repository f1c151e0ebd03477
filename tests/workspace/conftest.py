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
