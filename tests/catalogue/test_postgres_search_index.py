"""PostgreSQL: the trigram index on Product.search_text exists and search uses plain LIKE."""

import pytest
from django.db import connection

from tests.factories import certified_product

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_trigram_index_on_search_text():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            ["catalogue_product_search_text_trgm"],
        )
        row = cursor.fetchone()
    assert row is not None
    assert "gin_trgm_ops" in row[0]


def test_search_on_postgres_folds_like_sqlite(client):
    certified_product(title="Đường phèn Quảng Ngãi")
    response = client.get("/search/", {"q": "duong phen quang ngai"})
    assert "Đường phèn Quảng Ngãi" in response.content.decode()
