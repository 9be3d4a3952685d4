"""Reference stamp server: the seed APIs on FastAPI, SQLAlchemy and Alembic."""
