"""The PostgreSQL test harness: a real server, fresh independent databases, real concurrency."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator

import pytest
from pg_harness import BINARIES, PostgresCluster, find_pg_bin
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import IntegrityError, OperationalError


@pytest.fixture
def engine(postgres_url: str) -> Iterator[Engine]:
    engine = create_engine(postgres_url)
    try:
        yield engine
    finally:
        engine.dispose()


def test_find_pg_bin_finds_all_binaries(postgres_cluster: PostgresCluster) -> None:
    bin_dir = find_pg_bin()
    assert bin_dir is not None
    assert all((bin_dir / name).exists() for name in BINARIES)


def test_server_is_a_recent_postgres_on_loopback(
    engine: Engine, postgres_cluster: PostgresCluster
) -> None:
    assert engine.url.host == "127.0.0.1"
    assert engine.url.port == postgres_cluster.port
    with engine.connect() as conn:
        version = conn.execute(text("SHOW server_version")).scalar_one()
        encoding = conn.execute(text("SHOW server_encoding")).scalar_one()
    match = re.match(r"\d+", version)
    assert match is not None and int(match.group()) >= 13, version
    assert encoding == "UTF8"


def test_concurrent_inserts_of_the_same_key_one_wins(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE stamp (event_id text PRIMARY KEY, card text NOT NULL)"))
    insert = text("INSERT INTO stamp VALUES ('e-1', :card)")
    errors: list[BaseException] = []

    def second_terminal() -> None:
        try:
            with engine.begin() as conn:
                conn.execute(insert, {"card": "second"})  # blocks on the first's uncommitted row
        except BaseException as exc:
            errors.append(exc)

    with engine.connect() as first, engine.connect() as observer:
        first.begin()
        first.execute(insert, {"card": "first"})
        thread = threading.Thread(target=second_terminal)
        thread.start()
        waiting = text(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        deadline = time.monotonic() + 10
        while observer.execute(waiting).scalar_one() == 0:
            observer.rollback()  # a new snapshot of pg_stat_activity each time
            assert time.monotonic() < deadline, "second insert never waited on the first"
            time.sleep(0.01)
        first.commit()
        thread.join(timeout=10)
    assert not thread.is_alive()
    assert len(errors) == 1 and isinstance(errors[0], IntegrityError), errors
    with engine.connect() as conn:
        assert conn.execute(text("SELECT card FROM stamp")).scalars().all() == ["first"]


SEEN: list[str] = []


@pytest.mark.parametrize("run", [1, 2])
def test_each_test_gets_its_own_fresh_database(postgres_url: str, run: int) -> None:
    engine = create_engine(postgres_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE marker (run int)"))  # fails if anything was left over
            conn.execute(text("INSERT INTO marker VALUES (:run)"), {"run": run})
            databases = set(conn.execute(text("SELECT datname FROM pg_database")).scalars())
    finally:
        engine.dispose()
    assert engine.url.database not in SEEN
    assert not databases & set(SEEN), "an earlier test's database was not dropped"
    SEEN.append(str(engine.url.database))


def test_dropping_a_database_terminates_its_connections(postgres_cluster: PostgresCluster) -> None:
    with postgres_cluster.temporary_database("harness_drop_me") as url:
        engine = create_engine(url)
        held = engine.connect()  # still open when the database is dropped
        held.execute(text("SELECT 1"))
    try:
        with pytest.raises(OperationalError):
            held.execute(text("SELECT 1"))
    finally:
        held.close()
        engine.dispose()
    admin = create_engine(postgres_cluster.url())
    try:
        with admin.connect() as conn:
            query = text("SELECT count(*) FROM pg_database WHERE datname = 'harness_drop_me'")
            assert conn.execute(query).scalar_one() == 0
    finally:
        admin.dispose()
