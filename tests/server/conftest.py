"""Fixtures of the server tests: a migrated database, the application, a demo shop.

Every test gets its own SQLite file, copied from one migrated through Alembic per session.
Tests that take ``database_url`` with ``indirect`` parameter ``"postgresql"`` run on a fresh
database of the PostgreSQL test cluster (tests/pg_harness.py) instead.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from server_testkit import FakeClock, Shop, TestClient
from web_kit import Dashboard, open_dashboard

from server.app import create_app
from server.db.migrate import upgrade
from server.services import Services
from server.settings import Settings, sqlite_url

PUBLIC_URL = "http://stamps.test"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "server.sqlite3"
    upgrade(sqlite_url(path))
    return path


@pytest.fixture(params=["sqlite"])
def database_url(request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path) -> str:
    """A migrated database: SQLite (default) or PostgreSQL (``indirect`` parameter)."""
    if request.param == "postgresql":
        url: str = request.getfixturevalue("postgres_url")
        upgrade(url)
        return url
    target = tmp_path / "server.sqlite3"
    shutil.copyfile(sqlite_template, target)
    return sqlite_url(target)


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "server-home", database_url=database_url, public_url=PUBLIC_URL)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def app(settings: Settings, clock: FakeClock) -> FastAPI:
    return create_app(settings, clock=clock)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def shop(client: TestClient, app: FastAPI, clock: FakeClock) -> Shop:
    services: Services = app.state.services
    shop = Shop(client=client, services=services, clock=clock)
    shop.demo = shop.new_demo()
    return shop


@pytest.fixture
def dashboard(shop: Shop, client: TestClient) -> Dashboard:
    """The dashboard of a merchant of its own (not ``shop.demo``'s), signed in."""
    return open_dashboard(shop, client)


@pytest.fixture
def other_dashboard(shop: Shop, app: FastAPI) -> Dashboard:
    """Another merchant's dashboard, signed in on a browser of its own."""
    return open_dashboard(shop, TestClient(app))
