"""Initial schema.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

TIME = sa.DateTime(timezone=True)
SERIAL = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _text(name: str, *, nullable: bool = True) -> sa.Column[str]:
    return sa.Column(name, sa.String(), nullable=nullable)


def _required(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.String(), nullable=False)


def _int(name: str) -> sa.Column[int]:
    return sa.Column(name, sa.Integer(), nullable=False)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def _index(table: str, *columns: str) -> None:
    op.create_index(op.f(f"ix_{table}_{'_'.join(columns)}"), table, list(columns))


def upgrade() -> None:
    op.create_table(
        "merchants",
        _required("id"),
        _required("name"),
        _text("image_url"),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("updated_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merchants")),
    )
    op.create_table(
        "stores",
        _required("id"),
        _required("merchant_id"),
        _required("name"),
        _text("street1"),
        _text("city"),
        _text("state"),
        _text("zip_code"),
        _text("country"),
        sa.Column("latitude", sa.Double(), nullable=True),
        sa.Column("longitude", sa.Double(), nullable=True),
        sa.Column("created_at", TIME, nullable=False),
        _fk("stores", "merchant_id", "merchants"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stores")),
    )
    _index("stores", "merchant_id")
    op.create_table(
        "apps",
        _required("id"),
        _required("app_id"),
        _text("merchant_id"),
        _required("name"),
        _required("api_key_hash"),
        _required("app_secret"),
        sa.Column("created_at", TIME, nullable=False),
        _fk("apps", "merchant_id", "merchants"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_apps")),
        sa.UniqueConstraint("api_key_hash", name=op.f("uq_apps_api_key_hash")),
        sa.UniqueConstraint("app_id", name=op.f("uq_apps_app_id")),
    )
    _index("apps", "merchant_id")
    op.create_table(
        "users",
        _required("id"),
        _text("merchant_id"),
        _text("user_ref"),
        _text("name"),
        _text("phone"),
        _text("email"),
        _text("etc1"),
        _text("etc2"),
        sa.Column("created_at", TIME, nullable=False),
        _fk("users", "merchant_id", "merchants"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("merchant_id", "user_ref", name=op.f("uq_users_merchant_id_user_ref")),
    )
    _index("users", "phone")
    op.create_table(
        "credentials",
        _required("id"),
        _required("kind"),
        _required("token_hash"),
        _text("merchant_id"),
        _text("user_id"),
        _required("name"),
        sa.Column("created_at", TIME, nullable=False),
        _fk("credentials", "merchant_id", "merchants"),
        _fk("credentials", "user_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credentials")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_credentials_token_hash")),
    )
    _index("credentials", "merchant_id")
    _index("credentials", "user_id")
    op.create_table(
        "members",
        _required("id"),
        _required("app_pk"),
        _required("number"),
        _text("category_name"),
        _text("name"),
        sa.Column("point", sa.Numeric(precision=18, scale=4), nullable=False),
        sa.Column("discount", sa.Numeric(precision=18, scale=4), nullable=False),
        sa.Column("balance", sa.Numeric(precision=18, scale=4), nullable=False),
        _text("phone"),
        _text("birthday"),
        _text("qq"),
        _text("email"),
        _text("address"),
        _text("remarks"),
        _int("on_account"),
        _int("enable"),
        _text("password_hash"),
        sa.Column("created_at", TIME, nullable=False),
        _fk("members", "app_pk", "apps"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_members")),
        sa.UniqueConstraint("app_pk", "number", name=op.f("uq_members_app_pk_number")),
    )
    _index("members", "phone")
    op.create_table(
        "signature_nonces",
        sa.Column("id", SERIAL, nullable=False),
        _required("app_pk"),
        _required("signature"),
        sa.Column("seen_at", TIME, nullable=False),
        _fk("signature_nonces", "app_pk", "apps"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signature_nonces")),
        sa.UniqueConstraint(
            "app_pk", "signature", name=op.f("uq_signature_nonces_app_pk_signature")
        ),
    )
    _index("signature_nonces", "seen_at")
    op.create_table(
        "stamp_cards",
        _required("id"),
        _int("idx"),
        _required("merchant_id"),
        _required("name"),
        _required("stamp_type"),
        _int("stamp_count"),
        _text("tnc"),
        _text("available_store"),
        _text("website_url"),
        _text("phone_number"),
        _text("information"),
        _required("is_publish_to_market"),
        _text("background_image_url"),
        _text("stamp_area_image_url"),
        sa.Column("start_date", TIME, nullable=True),
        sa.Column("end_date", TIME, nullable=True),
        _text("catalog_description"),
        _text("service_id"),
        _text("wallet_id"),
        _int("card_validity_days"),
        _int("cooldown_seconds"),
        _int("max_stamps_per_day"),
        _int("revision"),
        sa.Column("created_at", TIME, nullable=False),
        _fk("stamp_cards", "merchant_id", "merchants"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stamp_cards")),
        sa.UniqueConstraint("idx", name=op.f("uq_stamp_cards_idx")),
    )
    _index("stamp_cards", "merchant_id")
    op.create_table(
        "rewards",
        _required("id"),
        _required("stamp_card_id"),
        _required("name"),
        _int("threshold"),
        _text("image_url"),
        _text("reward_message"),
        _text("reward_description"),
        _int("validity_days"),
        sa.Column("created_at", TIME, nullable=False),
        _fk("rewards", "stamp_card_id", "stamp_cards"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rewards")),
    )
    _index("rewards", "stamp_card_id")
    op.create_table(
        "stamps",
        _required("id"),
        _required("stamp_card_id"),
        _required("stamp_value"),
        _required("state"),
        _int("award_stamps"),
        _text("reward_id"),
        _required("event_type"),
        sa.Column("created_at", TIME, nullable=False),
        _fk("stamps", "reward_id", "rewards"),
        _fk("stamps", "stamp_card_id", "stamp_cards"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stamps")),
        sa.UniqueConstraint(
            "stamp_card_id", "stamp_value", name=op.f("uq_stamps_stamp_card_id_stamp_value")
        ),
    )
    op.create_table(
        "card_instances",
        _required("id"),
        _required("stamp_card_id"),
        _required("merchant_id"),
        _text("user_id"),
        _int("current_stamps"),
        _required("status"),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("issue_date", TIME, nullable=False),
        sa.Column("start_date", TIME, nullable=False),
        sa.Column("update_time", TIME, nullable=False),
        sa.Column("expiration_date", TIME, nullable=True),
        sa.Column("sequence", sa.Integer(), nullable=True),
        _text("domain"),
        _text("memo"),
        _fk("card_instances", "merchant_id", "merchants"),
        _fk("card_instances", "stamp_card_id", "stamp_cards"),
        _fk("card_instances", "user_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_instances")),
    )
    _index("card_instances", "merchant_id")
    _index("card_instances", "stamp_card_id")
    _index("card_instances", "user_id")
    op.create_table(
        "reward_instances",
        _required("id"),
        _required("card_instance_id"),
        _required("reward_id"),
        _required("status"),
        sa.Column("rewarded_time", TIME, nullable=False),
        sa.Column("expiration_date", TIME, nullable=True),
        sa.Column("updated_at", TIME, nullable=False),
        _fk("reward_instances", "card_instance_id", "card_instances"),
        _fk("reward_instances", "reward_id", "rewards"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reward_instances")),
    )
    _index("reward_instances", "card_instance_id")
    op.create_table(
        "tags",
        _required("merchant_id"),
        _required("tag_uid"),
        _required("card_instance_id"),
        sa.Column("created_at", TIME, nullable=False),
        _fk("tags", "card_instance_id", "card_instances"),
        _fk("tags", "merchant_id", "merchants"),
        sa.PrimaryKeyConstraint("merchant_id", "tag_uid", name=op.f("pk_tags")),
    )
    _index("tags", "card_instance_id")
    op.create_table(
        "events",
        sa.Column("id", SERIAL, nullable=False),
        _text("credential_id"),
        _text("event_id"),
        _text("card_instance_id"),
        _required("event_type"),
        sa.Column("event_time", TIME, nullable=False),
        _text("stamp_id"),
        _text("stamp_value"),
        _text("reward_instance_id"),
        _int("stamps_delta"),
        _int("result_code"),
        sa.Column("result_json", sa.Text(), nullable=True),
        _text("request_hash"),
        sa.Column("received_at", TIME, nullable=False),
        _fk("events", "card_instance_id", "card_instances"),
        _fk("events", "credential_id", "credentials"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint(
            "credential_id", "event_id", name=op.f("uq_events_credential_id_event_id")
        ),
    )
    _index("events", "card_instance_id", "event_time")


def downgrade() -> None:
    for table in (
        "events",
        "tags",
        "reward_instances",
        "card_instances",
        "stamps",
        "rewards",
        "stamp_cards",
        "signature_nonces",
        "members",
        "credentials",
        "users",
        "apps",
        "stores",
        "merchants",
    ):
        op.drop_table(table)
