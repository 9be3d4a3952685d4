"""Set-based statements for the batch path: many rows per statement, SQL text that stays the same.

A batch of 100 events used to be ~200 single-row executions (executemany: an INSERT per event
row, an UPDATE per card), and its IN lists rendered one bind per id, so the SQL text (and the
driver's parse of it) changed with every batch. Here:

- ``member_of(column, name, dialect)`` with ``members(values, dialect)`` as the value of the
  parameter ``name``: ``column = ANY(:array)`` on PostgreSQL, ``column IN (SELECT value FROM
  json_each(:json))`` on SQLite: one parameter, one SQL text whatever the count, and still an
  index probe per value (both planners search the column's index).
- ``insert_rows``: one INSERT for all rows. PostgreSQL: ``INSERT ... SELECT ... FROM
  unnest(%b::type[], ...)``, one binary array parameter per column (a long ``VALUES`` list costs
  psycopg more than the insert: it re-parses every long query text; JSON would have to escape
  and parse each event's result text); SQLite: ``INSERT ... VALUES (...), (...)`` (split only at
  SQLite's limit of parameters).
- ``update_rows``: one ``UPDATE ... FROM`` the new values joined by key (the arrays on
  PostgreSQL, a ``VALUES`` list on SQLite 3.33 and newer), else executemany of single-row
  UPDATEs (older SQLite).
- ``write``: several of these in one statement on PostgreSQL.

Values go through the columns' own bind processors, so what is stored is exactly what the ORM
and Core statements store (e.g. ``UtcDateTime`` as naive UTC text on SQLite).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Dialect,
    String,
    Table,
    any_,
    bindparam,
    func,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import QueryableAttribute

from server.db.pipeline import execute_and_commit
from server.db.types import UtcDateTime, sqlite_text, utc_value

SQLITE_UPDATE_FROM = sqlite3.sqlite_version_info >= (3, 33, 0)
"""``UPDATE ... FROM`` exists in SQLite since 3.33.0."""
POSTGRESQL_MAX_PARAMETERS = 65535
SQLITE_DEFAULT_MAX_PARAMETERS = 999
"""The smallest SQLITE_LIMIT_VARIABLE_NUMBER of any SQLite build (before 3.32)."""

_Processor = Callable[[Any], Any] | None
_MEMOIZED: tuple[_Processor, ...] = (sqlite_text, utc_value)
_processors: dict[tuple[str, str, str], _Processor] = {}
_statements: dict[tuple[Any, ...], str] = {}
MAX_CACHED_STATEMENTS = 256


def member_of(
    column: ColumnElement[Any] | QueryableAttribute[Any], name: str, dialect: str
) -> ColumnElement[bool]:
    """``column`` is one of the text values of the parameter ``name`` (see ``members``)."""
    if dialect == "postgresql":
        return column == any_(bindparam(name, type_=ARRAY(String())))
    wanted = func.json_each(bindparam(name, type_=String()))
    return column.in_(select(wanted.table_valued("value").c.value))


def members(values: Iterable[str], dialect: str) -> list[str] | str:
    """The value of a ``member_of`` parameter: a list (PostgreSQL) or its JSON text (SQLite)."""
    found = list(values)
    return found if dialect == "postgresql" else json.dumps(found)


@dataclass(frozen=True, slots=True)
class Insert:
    """New rows of ``table`` (values in ``columns`` order)."""

    table: Table
    columns: tuple[str, ...]
    rows: Sequence[Sequence[Any]]


@dataclass(frozen=True, slots=True)
class Update:
    """New values of ``columns`` for the rows of ``table`` whose ``key`` is each row's first
    value (then the values in ``columns`` order)."""

    table: Table
    key: str
    columns: tuple[str, ...]
    rows: Sequence[Sequence[Any]]


def write(
    conn: Connection, changes: Sequence[Insert | Update], *, then_commit: bool = False
) -> None:
    """Make these changes, which must not touch the same rows twice.

    PostgreSQL: ONE statement, the changes as data-modifying WITH clauses (PostgreSQL runs them
    on one snapshot, hence no row twice), and with ``then_commit``
    the COMMIT of the caller's transaction in the same round trip (``execute_and_commit``): a
    batch that holds its card locks waits for one round trip instead of one per table and one
    for the commit. Elsewhere one statement per change (``insert_rows``, ``update_rows``), in
    order, and the caller commits.
    """
    present = [change for change in changes if change.rows]
    if conn.dialect.name == "postgresql" and then_commit and present:
        sql, params = _pg_write(conn.dialect, present)
        execute_and_commit(conn, sql, params)
        return
    if conn.dialect.name != "postgresql" or len(present) < 2:
        for change in present:
            if isinstance(change, Insert):
                insert_rows(conn, change.table, change.columns, change.rows)
            else:
                update_rows(conn, change.table, change.key, change.columns, change.rows)
        return
    sql, params = _pg_write(conn.dialect, present)
    conn.exec_driver_sql(sql, params)


def _pg_write(
    dialect: Dialect, changes: Sequence[Insert | Update]
) -> tuple[str, dict[str, list[Any]]]:
    """PostgreSQL: one statement making all these changes, and its array parameters."""
    statements = []
    params: dict[str, list[Any]] = {}
    for index, change in enumerate(changes):
        columns = change.columns if isinstance(change, Insert) else (change.key, *change.columns)
        convert = _converters(dialect, change.table, columns)
        rows = _convert(change.rows, convert)
        names = [f"c{index}_{position}" for position in range(len(columns))]
        statements.append(_pg_statement(dialect, change, names))
        for name, values in zip(names, zip(*rows, strict=True), strict=True):
            params[name] = list(values)
    *first, last = statements
    if not first:
        return last, params
    ctes = ", ".join(f"change_{index} AS ({sql})" for index, sql in enumerate(first))
    return f"WITH {ctes} {last}", params


def insert_rows(
    conn: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert ``rows`` (values in ``columns`` order) with as few statements as the driver allows."""
    if not rows:
        return
    dialect = conn.dialect
    convert = _converters(dialect, table, columns)
    if dialect.name == "postgresql":
        single, params = _pg_write(dialect, [Insert(table, tuple(columns), rows)])
        conn.exec_driver_sql(single, params)
        return
    width = len(columns)
    per_statement = max(1, _max_parameters(conn) // width)
    names = ", ".join(_quote(dialect, name) for name in columns)
    for start in range(0, len(rows), per_statement):
        chunk = rows[start : start + per_statement]
        key = ("insert", dialect.name, table.name, tuple(columns), len(chunk))
        sql = _statements.get(key)
        if sql is None:
            marks = _marks(dialect, width)
            values = ", ".join([marks] * len(chunk))
            sql = _remember(
                key,
                f"INSERT INTO {_quote(dialect, table.name)} ({names}) VALUES {values}",  # noqa: S608
            )
        conn.exec_driver_sql(sql, tuple(_flatten(chunk, convert)))


def update_rows(
    conn: Connection,
    table: Table,
    key: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
) -> None:
    """Set ``columns`` of the rows whose ``key`` is each row's first value (then the values in
    ``columns`` order): one ``UPDATE ... FROM`` where the database has it."""
    if not rows:
        return
    dialect = conn.dialect
    every = [key, *columns]
    convert = _converters(dialect, table, every)
    target = _quote(dialect, table.name)
    if dialect.name == "sqlite" and not SQLITE_UPDATE_FROM:
        sets = ", ".join(f"{_quote(dialect, name)} = ?" for name in columns)
        single = f"UPDATE {target} SET {sets} WHERE {_quote(dialect, key)} = ?"  # noqa: S608
        each = [tuple(_flatten([[*row[1:], row[0]]], [*convert[1:], convert[0]])) for row in rows]
        conn.exec_driver_sql(single, each)
        return
    if dialect.name == "postgresql":
        single, params = _pg_write(dialect, [Update(table, key, tuple(columns), rows)])
        conn.exec_driver_sql(single, params)
        return
    width = len(every)
    per_statement = max(1, _max_parameters(conn) // width)
    for start in range(0, len(rows), per_statement):
        chunk = rows[start : start + per_statement]
        cache_key = ("update", dialect.name, table.name, key, tuple(columns), len(chunk))
        statement = _statements.get(cache_key)
        if statement is None:
            statement = _update_sql(dialect, table, key, columns, len(chunk))
            _remember(cache_key, statement)
        conn.exec_driver_sql(statement, tuple(_flatten(chunk, convert)))


def _update_sql(
    dialect: Dialect, table: Table, key: str, columns: Sequence[str], count: int
) -> str:
    """SQLite: the new values as a VALUES list, whose columns SQLite names column1, column2..."""
    target = _quote(dialect, table.name)
    sets = ", ".join(f"{_quote(dialect, n)} = v.column{i + 2}" for i, n in enumerate(columns))
    rows = ", ".join([_marks(dialect, len(columns) + 1)] * count)
    join = f"{target}.{_quote(dialect, key)} = v.column1"
    return f"UPDATE {target} SET {sets} FROM (VALUES {rows}) AS v WHERE {join}"  # noqa: S608


def _pg_statement(dialect: Dialect, change: Insert | Update, names: Sequence[str]) -> str:
    """PostgreSQL: the change with its values in binary array parameters ``names`` (one per
    column, the key first for an update), unnested side by side."""
    key: tuple[Any, ...] = (type(change).__name__, change.table.name, change.columns, *names)
    if isinstance(change, Update):
        key = (*key, change.key)
    sql = _statements.get(key)
    if sql is not None:
        return sql
    table = change.table
    target = _quote(dialect, table.name)
    columns = change.columns if isinstance(change, Insert) else (change.key, *change.columns)
    arrays = ", ".join(
        f"CAST(%({name})b AS {table.c[column].type.compile(dialect)}[])"
        for name, column in zip(names, columns, strict=True)
    )
    quoted = [_quote(dialect, column) for column in columns]
    if isinstance(change, Insert):
        picked = ", ".join(f"v.{column}" for column in quoted)
        sql = (
            f"INSERT INTO {target} ({', '.join(quoted)}) SELECT {picked} "  # noqa: S608
            f"FROM unnest({arrays}) WITH ORDINALITY AS v({', '.join(quoted)}, n) ORDER BY v.n"
        )
    else:
        sets = ", ".join(f"{column} = v.{column}" for column in quoted[1:])
        join = f"{target}.{quoted[0]} = v.{quoted[0]}"
        rows = f"unnest({arrays}) AS v({', '.join(quoted)})"
        sql = f"UPDATE {target} SET {sets} FROM {rows} WHERE {join}"  # noqa: S608
    return _remember(key, sql)


def _remember(key: tuple[Any, ...], sql: str) -> str:
    if len(_statements) >= MAX_CACHED_STATEMENTS:
        _statements.clear()
    _statements[key] = sql
    return sql


def _convert(
    rows: Sequence[Sequence[Any]], convert: Sequence[_Processor]
) -> Sequence[Sequence[Any]]:
    """The rows with each value through its column's converter (None: as it is). Date-times
    are converted once per distinct value (a batch's rows share a few instants)."""
    steps: list[tuple[int, Callable[[Any], Any], dict[Any, Any] | None]] = [
        (index, process, {} if process in _MEMOIZED else None)
        for index, process in enumerate(convert)
        if process is not None
    ]
    if not steps:
        return rows
    converted = []
    for row in rows:
        values = list(row)
        for index, process, memo in steps:
            value = values[index]
            if value is None:
                continue
            if memo is None:
                values[index] = process(value)
                continue
            done = memo.get(value)
            if done is None:
                done = memo[value] = process(value)
            values[index] = done
        converted.append(values)
    return converted


def _flatten(rows: Sequence[Sequence[Any]], convert: Sequence[_Processor]) -> list[Any]:
    flat: list[Any] = []
    for row in _convert(rows, convert):
        flat.extend(row)
    return flat


def _converters(dialect: Dialect, table: Table, columns: Sequence[str]) -> list[_Processor]:
    """Each column's converter (None where values go to the driver as they are): for
    ``UtcDateTime`` the text it stores (SQLite) or the instant in UTC (PostgreSQL), else the
    column type's own bind processor."""
    found = []
    for name in columns:
        key = (dialect.name, table.name, name)
        if key not in _processors:
            column: Column[Any] = table.c[name]
            if isinstance(column.type, UtcDateTime):
                _processors[key] = sqlite_text if dialect.name == "sqlite" else utc_value
            else:
                _processors[key] = column.type.dialect_impl(dialect).bind_processor(dialect)
        found.append(_processors[key])
    return found


def _max_parameters(conn: Connection) -> int:
    if conn.dialect.name == "postgresql":
        return POSTGRESQL_MAX_PARAMETERS
    if conn.dialect.name == "sqlite":
        driver = conn.connection.driver_connection
        getlimit = getattr(driver, "getlimit", None)
        if getlimit is not None:
            limit: int = getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
            return limit
    return SQLITE_DEFAULT_MAX_PARAMETERS


def _marks(dialect: Dialect, count: int) -> str:
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    return "(" + ", ".join([mark] * count) + ")"


def _quote(dialect: Dialect, name: str) -> str:
    quoted: str = dialect.identifier_preparer.quote(name)
    return quoted
