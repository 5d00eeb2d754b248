"""Many rows written at once, as plain tuples (no model instance, no compiled INSERT per
row): the national unit load, a commune's poverty list, a staged load.

PostgreSQL takes them by COPY (an executemany of 49.532 rows took 28 s there: one
statement per row over the wire); SQLite, in-process, by one executemany per chunk.
The caller has checked the values whole and adapted them for the database; it also owns
the transaction.
"""

from django.db import connection

CHUNK = 2000


def rows_insert(model, columns: tuple[str, ...] | list[str], rows: list[tuple]) -> None:
    """INSERT `rows` (tuples in the order of `columns`, database column names) into `model`'s table."""
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
        for start in range(0, len(rows), CHUNK):
            cursor.executemany(sql, rows[start:start + CHUNK])
