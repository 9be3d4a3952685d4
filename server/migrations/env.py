"""Alembic environment: runs on the connection given by ``server.db.migrate`` or on its URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from server.db.engine import WRITE_OPTION, create_db_engine
from server.db.tables import Base

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    if context.is_offline_mode():
        raise RuntimeError("offline (SQL script) migrations are not supported")
    given = config.attributes.get("connection")
    if isinstance(given, Connection):
        _run(given)
        return
    engine = create_db_engine(config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.connect() as connection:
            _run(connection.execution_options(**{WRITE_OPTION: True}))
    finally:
        engine.dispose()


run()
