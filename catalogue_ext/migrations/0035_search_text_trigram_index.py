"""PostgreSQL only: a trigram GIN index on ``Product.search_text``.

Search matches folded words with ``LIKE 'term%' OR LIKE '% term%'``; on PostgreSQL the
``pg_trgm`` index serves those patterns. SQLite needs nothing (the same queries run there
unindexed). The index lives outside the model state, so ``makemigrations`` stays clean.
"""

from django.db import migrations

INDEX = "catalogue_product_search_text_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON catalogue_product "
        "USING gin (search_text gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0034_ocop_product_groups")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
