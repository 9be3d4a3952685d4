"""The schema comes only from the shipped Alembic migrations, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from server.db.engine import create_db_engine
from server.db.migrate import (
    MIGRATIONS_DIR,
    alembic_config,
    current_revision,
    head_revision,
    is_at_head,
    upgrade,
)
from server.db.tables import Base
from server.settings import sqlite_url

SERVER_DIR = Path(__file__).resolve().parents[2] / "server"


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        url: str = request.getfixturevalue("postgres_url")
        return url
    return sqlite_url(tmp_path / "empty.sqlite3")


def test_migrations_ship_inside_the_package() -> None:
    assert MIGRATIONS_DIR.parent == SERVER_DIR
    assert (MIGRATIONS_DIR / "env.py").exists()
    assert not (SERVER_DIR / "alembic.ini").exists()


def test_upgrade_builds_exactly_the_tables_of_the_models(empty_url: str) -> None:
    engine = create_db_engine(empty_url)
    try:
        assert current_revision(engine) is None
        upgrade(empty_url)
        assert is_at_head(engine)
        assert current_revision(engine) == head_revision()
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
        command.downgrade(alembic_config(empty_url), "base")
        assert set(inspect(engine).get_table_names()) == {"alembic_version"}
        upgrade(empty_url)
        assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
