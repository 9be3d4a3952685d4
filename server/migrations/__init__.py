"""Alembic migrations of the server's schema, run in code by ``server.db.migrate``."""
