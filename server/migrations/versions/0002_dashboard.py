"""The merchant dashboard: logins, sessions, login attempts, revoked terminals, event notes and
reviews, and the shop's time zone.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

TIME = sa.DateTime(timezone=True)
SERIAL = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _fk(table: str, column: str, target: str, target_column: str = "id") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.{target_column}"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def upgrade() -> None:
    op.create_table(
        "merchant_users",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("merchant_id", sa.String(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=True),
        sa.Column("password_hash", sa.String(), nullable=False),
        sa.Column("credential_id", sa.String(), nullable=True),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("last_login_at", TIME, nullable=True),
        _fk("merchant_users", "merchant_id", "merchants"),
        _fk("merchant_users", "credential_id", "credentials"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merchant_users")),
        sa.UniqueConstraint("email", name=op.f("uq_merchant_users_email")),
    )
    op.create_index(op.f("ix_merchant_users_merchant_id"), "merchant_users", ["merchant_id"])
    op.create_table(
        "web_sessions",
        sa.Column("id_hash", sa.String(), nullable=False),
        sa.Column("user_id", sa.String(), nullable=False),
        sa.Column("csrf_token", sa.String(), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("expires_at", TIME, nullable=False),
        _fk("web_sessions", "user_id", "merchant_users"),
        sa.PrimaryKeyConstraint("id_hash", name=op.f("pk_web_sessions")),
    )
    op.create_index(op.f("ix_web_sessions_user_id"), "web_sessions", ["user_id"])
    op.create_table(
        "login_attempts",
        sa.Column("id", SERIAL, nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.Column("address", sa.String(), nullable=False),
        sa.Column("succeeded", sa.Boolean(), nullable=False),
        sa.Column("at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempts")),
    )
    op.create_index(op.f("ix_login_attempts_email_at"), "login_attempts", ["email", "at"])
    op.create_index(op.f("ix_login_attempts_address_at"), "login_attempts", ["address", "at"])
    op.create_table(
        "event_reviews",
        sa.Column("event_pk", SERIAL, nullable=False),
        sa.Column("user_id", sa.String(), nullable=False),
        sa.Column("decision", sa.String(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("at", TIME, nullable=False),
        _fk("event_reviews", "event_pk", "events"),
        _fk("event_reviews", "user_id", "merchant_users"),
        sa.PrimaryKeyConstraint("event_pk", name=op.f("pk_event_reviews")),
    )
    with op.batch_alter_table("credentials") as batch:
        batch.add_column(sa.Column("revoked_at", TIME, nullable=True))
    with op.batch_alter_table("merchants") as batch:
        batch.add_column(sa.Column("timezone", sa.String(), nullable=True))
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))
        batch.add_column(sa.Column("flag", sa.String(), nullable=True))
    op.create_index(
        op.f("ix_events_received_at_credential_id"), "events", ["received_at", "credential_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_events_received_at_credential_id"), table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("flag")
        batch.drop_column("note")
    with op.batch_alter_table("merchants") as batch:
        batch.drop_column("timezone")
    with op.batch_alter_table("credentials") as batch:
        batch.drop_column("revoked_at")
    op.drop_table("event_reviews")
    op.drop_index(op.f("ix_login_attempts_address_at"), table_name="login_attempts")
    op.drop_index(op.f("ix_login_attempts_email_at"), table_name="login_attempts")
    op.drop_table("login_attempts")
    op.drop_index(op.f("ix_web_sessions_user_id"), table_name="web_sessions")
    op.drop_table("web_sessions")
    op.drop_index(op.f("ix_merchant_users_merchant_id"), table_name="merchant_users")
    op.drop_table("merchant_users")
