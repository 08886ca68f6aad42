"""Every row of every table, to prove what a request did and did not write (the anonymity
and secret-ballot tests)."""

from __future__ import annotations

from collections import Counter

from django.db import connection


def _norm(value):
    if isinstance(value, memoryview):
        return bytes(value)
    return value


def snapshot() -> dict[str, Counter]:
    """Every row of every table (history tables included, should any appear)."""
    tables = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            columns = [c[0] for c in cursor.description]
            tables[table] = Counter(
                tuple(zip(columns, (_norm(v) for v in row), strict=True))
                for row in cursor.fetchall()
            )
    return tables
