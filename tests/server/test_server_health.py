"""/healthz (the process is alive, no database) and /readyz (the database answers at this
server's schema revision), on SQLite and PostgreSQL; both in /openapi.json."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi import FastAPI
from live_server import free_port
from server_testkit import TestClient
from sqlalchemy import text

from server.app import create_app
from server.db.engine import create_db_engine
from server.db.migrate import head_revision, upgrade
from server.health import ReadinessCheck
from server.settings import Settings, sqlite_url

BOTH = pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database that exists but was never migrated."""
    if request.param == "postgresql":
        url: str = request.getfixturevalue("postgres_url")
        return url
    return sqlite_url(tmp_path / "empty.sqlite3")


@contextmanager
def client_on(url: str, home: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(home=home, database_url=url))) as client:
        yield client


def assert_unavailable(client: TestClient, *words: str) -> str:
    answer = client.get("/readyz")
    assert answer.status_code == 503
    body = answer.json()
    assert set(body) == {"status", "reason"}
    assert body["status"] == "unavailable"
    for word in words:
        assert word in body["reason"], body["reason"]
    assert "Traceback" not in answer.text
    reason: str = body["reason"]
    return reason


def test_healthz_is_ok(client: TestClient) -> None:
    answer = client.get("/healthz")
    assert (answer.status_code, answer.json()) == (200, {"status": "ok"})


@BOTH
def test_readyz_is_ok_on_a_migrated_database(client: TestClient) -> None:
    answer = client.get("/readyz")
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"status": "ok", "revision": head_revision()}


def test_a_database_never_migrated_is_not_ready(empty_url: str, tmp_path: Path) -> None:
    with client_on(empty_url, tmp_path / "home") as client:
        assert client.get("/healthz").status_code == 200
        assert_unavailable(client, "no schema", "stamp-server migrate")
        upgrade(empty_url)
        assert client.get("/readyz").status_code == 200


@BOTH
def test_a_database_at_another_revision_is_not_ready(database_url: str, client: TestClient) -> None:
    engine = create_db_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        reason = assert_unavailable(client, "9999", head_revision(), "stamp-server migrate")
        assert database_url not in reason
    finally:
        engine.dispose()


def test_an_unreachable_database_is_not_ready_but_the_process_is_healthy(tmp_path: Path) -> None:
    """Nothing listens on the port: /readyz says so in one line, /healthz never asks."""
    url = f"postgresql+psycopg://stamp:pw-not-in-answers@127.0.0.1:{free_port()}/stamp"
    with client_on(url, tmp_path / "home") as client:
        assert client.get("/healthz").json() == {"status": "ok"}
        reason = assert_unavailable(client, "cannot be reached")
        assert "pw-not-in-answers" not in reason
        assert "127.0.0.1" not in reason


def test_a_database_that_does_not_answer_in_time_is_not_ready(
    postgres_url: str, tmp_path: Path
) -> None:
    """A lock holds the revision read: /readyz answers 503 after its timeout, not never."""
    upgrade(postgres_url)
    app = create_app(Settings(home=tmp_path / "home", database_url=postgres_url))
    app.state.readiness = ReadinessCheck(app.state.services.db, timeout=0.5)
    engine = create_db_engine(postgres_url)
    try:
        with TestClient(app) as client, engine.connect() as blocker:
            blocker.execute(text("LOCK TABLE alembic_version IN ACCESS EXCLUSIVE MODE"))
            began = time.monotonic()
            assert_unavailable(client, "did not answer within 0.5 s")
            assert assert_unavailable(client, "did not answer")  # the same check, still waiting
            assert time.monotonic() - began < 5
            assert client.get("/healthz").status_code == 200
            blocker.rollback()
            deadline = time.monotonic() + 10
            while client.get("/readyz").status_code != 200:
                assert time.monotonic() < deadline, "still not ready after the lock was released"
                time.sleep(0.05)
    finally:
        engine.dispose()


def test_health_endpoints_are_in_the_openapi_document(app: FastAPI) -> None:
    document = app.openapi()
    paths = document["paths"]
    for path in ("/healthz", "/readyz"):
        assert set(paths[path]) == {"get"}
        operation = paths[path]["get"]
        assert "security" not in operation
        assert "422" not in operation["responses"]
    ready = paths["/readyz"]["get"]["responses"]
    assert set(ready) == {"200", "503"}
    schema = ready["503"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/Readiness"}
    readiness = document["components"]["schemas"]["Readiness"]
    assert set(readiness["properties"]) == {"status", "revision", "reason"}
    assert readiness["properties"]["status"]["enum"] == ["ok", "unavailable"]
