"""Several SELECTs of one transaction in one round trip (PostgreSQL: psycopg's pipeline mode).

The batch path reads which eventIds are stored, locks its cards and reads their reward instances.
Sent one by one, each is a round trip and a wait for the GIL, and the reward read happens while
the batch already holds its card locks, which every overlapping batch waits for. In pipeline
mode the statements go out together and the server still runs them one after the other, each
with its own snapshot (READ COMMITTED): a read placed after ``SELECT ... FOR UPDATE`` runs after
the locks are granted and sees what the previous holder committed, exactly as if sent later.

SQLite (in process, no round trip) runs them one by one on the driver's cursor. Either way the
statements are compiled once; results come back as lists of tuples with the columns' result
processing applied (``UtcDateTime`` read with ``from_sqlite_text`` on SQLite, else the types' own
processors), without SQLAlchemy's per-row work, and driver errors as SQLAlchemy's ``DBAPIError``
subclasses, as ``Connection.execute`` raises them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Dialect, Select
from sqlalchemy.exc import DBAPIError

from server.db.types import UtcDateTime, from_sqlite_text

_Processor = Callable[[Any], Any] | None
AnySelect = Select[*tuple[Any, ...]]
"""A SELECT of any columns."""


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    positions: Sequence[str] | None
    defaults: dict[str, Any]
    bind_processors: Mapping[str, Callable[[Any], Any]]
    result_processors: Sequence[_Processor]


_compiled: dict[tuple[str, int], tuple[AnySelect, _Compiled]] = {}


def select_all(
    conn: Connection, queries: Sequence[tuple[AnySelect, Mapping[str, Any]]]
) -> list[list[tuple[Any, ...]]]:
    """The rows of each query (a statement built once, with its parameters), in order."""
    dialect = conn.dialect
    if dialect.name == "sqlite":
        return [_sqlite(conn, query, params) for query, params in queries]
    if dialect.name != "postgresql":
        return [[tuple(row) for row in conn.execute(query, params)] for query, params in queries]
    import psycopg  # noqa: PLC0415  (only PostgreSQL needs it)

    driver = conn.connection.driver_connection
    assert isinstance(driver, psycopg.Connection)
    work = [(_compile(dialect, query), params) for query, params in queries]
    sql = ""
    values: dict[str, Any] = {}
    try:
        with driver.pipeline():
            cursors = []
            for compiled, params in work:
                sql, values = compiled.sql, _bind(compiled, params)
                cursor = driver.cursor()
                cursor.execute(sql, values)
                cursors.append(cursor)
        results = []
        for cursor, (compiled, _params) in zip(cursors, work, strict=True):
            results.append(_process(cursor.fetchall(), compiled.result_processors))
            cursor.close()
    except psycopg.Error as exc:
        raise DBAPIError.instance(
            sql, values, exc, psycopg.Error, hide_parameters=True, dialect=dialect
        ) from exc
    return results


def execute_and_commit(conn: Connection, sql: str, params: Mapping[str, Any]) -> None:
    """PostgreSQL only: run ``sql`` (pyformat parameters) and COMMIT the caller's transaction in
    one round trip (pipeline mode). The caller's own commit afterwards finds the transaction
    already ended and does nothing (psycopg skips COMMIT when the server is idle); an error in
    either statement is raised as ``DBAPIError`` (``IntegrityError`` for a unique violation)
    with nothing committed, and the caller rolls back as usual."""
    import psycopg  # noqa: PLC0415  (only PostgreSQL needs it)

    driver = conn.connection.driver_connection
    assert isinstance(driver, psycopg.Connection)
    try:
        with driver.pipeline():
            driver.execute(sql, params)
            driver.commit()
    except psycopg.Error as exc:
        raise DBAPIError.instance(
            sql, params, exc, psycopg.Error, hide_parameters=True, dialect=conn.dialect
        ) from exc


def _sqlite(conn: Connection, query: AnySelect, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    compiled = _compile(conn.dialect, query)
    values = _bind(compiled, params)
    positional = tuple(values[name] for name in compiled.positions or ())
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        rows = cursor.execute(compiled.sql, positional).fetchall()
    except sqlite3.Error as exc:
        raise DBAPIError.instance(
            compiled.sql, positional, exc, sqlite3.Error, hide_parameters=True, dialect=conn.dialect
        ) from exc
    finally:
        cursor.close()
    return _process(rows, compiled.result_processors)


def _compile(dialect: Dialect, query: AnySelect) -> _Compiled:
    key = (dialect.name, id(query))
    found = _compiled.get(key)
    if found is not None and found[0] is query:
        return found[1]
    compiled = query.compile(dialect=dialect)
    processors = {}
    for name, bind in compiled.binds.items():
        process = bind.type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            processors[name] = process
    result_processors = [
        from_sqlite_text
        if dialect.name == "sqlite" and isinstance(column.type, UtcDateTime)
        else column.type.dialect_impl(dialect).result_processor(dialect, None)
        for column in query.selected_columns
    ]
    defaults = {
        name: bind.effective_value for name, bind in compiled.binds.items() if not bind.required
    }
    positions = compiled.positiontup if dialect.paramstyle in ("qmark", "numeric") else None
    entry = _Compiled(compiled.string, positions, defaults, processors, result_processors)
    _compiled[key] = (query, entry)  # the query is kept, so its id() is not reused
    return entry


def _bind(compiled: _Compiled, params: Mapping[str, Any]) -> dict[str, Any]:
    values = {**compiled.defaults, **params}
    for name, process in compiled.bind_processors.items():
        value = values.get(name)
        if value is not None:
            values[name] = process(value)
    return values


def _process(rows: Sequence[Any], processors: Sequence[_Processor]) -> list[tuple[Any, ...]]:
    """The rows with each value through its column's result processor, once per distinct value
    of a column (processors are pure; the reward instances a batch reads share their times).
    For scalar columns, whose values are hashable."""
    steps: list[tuple[int, Callable[[Any], Any], dict[Any, Any]]] = [
        (index, process, {}) for index, process in enumerate(processors) if process is not None
    ]
    if not steps:
        return [tuple(row) for row in rows]
    processed = []
    for row in rows:
        values = list(row)
        for index, process, memo in steps:
            value = values[index]
            if value is not None:
                done = memo.get(value)
                if done is None:
                    done = memo[value] = process(value)
                values[index] = done
        processed.append(tuple(values))
    return processed
