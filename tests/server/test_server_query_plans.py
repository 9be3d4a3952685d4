"""PostgreSQL plans of the batch path's duplicate check on a young table without statistics:
the unique (credential, eventId) index must be probed, never another index of the events."""

from __future__ import annotations

from datetime import timedelta

import pytest
from server_testkit import Shop
from sqlalchemy import insert, select

from server.db import tables as t
from server.rules.idempotency import known_events


@pytest.mark.parametrize("stored", [0, 3000])
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_the_duplicate_check_probes_the_unique_index_before_any_analyze(
    shop: Shop, stored: int
) -> None:
    """An empty table is where it went wrong: planned (and prepared) while the events table
    was empty, an index led by the credential looked as good as the unique one."""
    now = shop.clock()
    with shop.write() as session:
        credential = session.scalar(
            select(t.Credential.id).where(
                t.Credential.merchant_id == shop.demo["merchantId"],
                t.Credential.kind == "terminal",
            )
        )
        rows = [
            {
                "credential_id": credential,
                "event_id": f"e{n}",
                "card_instance_id": shop.card,
                "event_type": "STAMP",
                "event_time": now + timedelta(seconds=n),
                "stamps_delta": 1,
                "result_code": 0,
                "received_at": now + timedelta(seconds=n),
            }
            for n in range(stored)
        ]
        if rows:
            session.execute(insert(t.Event), rows)
    statement = known_events("postgresql")
    with shop.services.db.engine.connect() as conn:
        compiled = statement.compile(dialect=conn.dialect)
        params = compiled.construct_params(
            {"credential_id": credential, "event_ids": ["e5", "e2999", "new"]}
        )
        plan = "\n".join(
            row[0] for row in conn.exec_driver_sql(f"EXPLAIN {compiled.string}", params)
        )
    assert "uq_events_credential_id_event_id" in plan, plan
    assert "ix_events_received_at_credential_id" not in plan, plan
    assert "Seq Scan on events" not in plan, plan
