"""The ceiling of ``bench/server.py``: a bare endpoint that only inserts a batch's event rows.

``POST /bare/insertEvents`` takes the body of ``reportMultiStampEvents`` (``{"events": [...]}``)
plus ``resultBytes``, the mean length of the result JSON the real server stored for its last
round, and in ONE transaction inserts one row per event into the real ``events`` table (same
columns, the same kind of values, a result JSON text of that length), then answers the same
envelope as ``reportMultiStampEvents`` with those texts. No authentication, no duplicate check,
no card lock, no rules: what is left is HTTP, JSON in and out, and the insert.

It is served like the real server: uvicorn with the same number of workers and log level, a
sync (thread pool) endpoint, and the server's own engine settings (``server.db.engine.Database``:
WAL, ``synchronous=FULL``, ``BEGIN IMMEDIATE`` on SQLite; the same pool on PostgreSQL). Not part
of the product's routes.

Run: ``python bench/bare_insert_app.py --port P [--workers N]`` with ``BENCH_DATABASE_URL``,
``BENCH_CREDENTIAL_ID`` (the terminal credential the rows are stored under) and
``BENCH_STAMP_ID`` in the environment.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

# bench/server.py sits beside this file and would shadow the ``server`` package: the project's
# root goes first (this directory stays on the path: uvicorn imports this module by name).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fastapi import Body, FastAPI, Response
from sqlalchemy import insert

from app.domain.dates import parse_api_datetime
from server.db import tables as t
from server.db.engine import Database
from server.rules.results import quoted

EVENTS = t.Base.metadata.tables["events"]
BATCH_HEAD = '{"result":{"code":0},"eventResults":['


def create_app(database_url: str, credential_id: str, stamp_id: str) -> FastAPI:
    db = Database(database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            db.dispose()

    app = FastAPI(title="bare insert (bench ceiling)", lifespan=lifespan)

    @app.post("/bare/ping")
    def ping() -> Response:
        """No database: what one request costs the HTTP stack alone."""
        return Response(content=b'{"result":{"code":0}}', media_type="application/json")

    @app.post("/bare/insertEvents")
    def insert_events(body: Annotated[dict[str, Any], Body()]) -> Response:
        moment = datetime.now(UTC)
        now = moment.replace(microsecond=moment.microsecond // 1000 * 1000)
        size = int(body.get("resultBytes", 0))
        rows = []
        texts = []
        for event in body["events"]:
            event_id = event["eventId"]
            card_id = event["cardInstanceId"]
            head = (
                f'{{"result":{{"code":0}},"eventId":{quoted(event_id)},'
                f'"cardInstance":{{"cardInstanceId":{quoted(card_id)},"pad":"'
            )
            text = head + "x" * max(0, size - len(head) - 3) + '"}}'
            texts.append(text)
            rows.append(
                {
                    "credential_id": credential_id,
                    "event_id": event_id,
                    "card_instance_id": card_id,
                    "event_type": event["eventType"],
                    "event_time": parse_api_datetime(event["eventTime"]),
                    "stamp_id": stamp_id,
                    "stamp_value": event.get("stampValue"),
                    "reward_instance_id": None,
                    "stamps_delta": 1,
                    "result_code": 0,
                    "result_json": text,
                    "request_hash": hashlib.sha256(event_id.encode()).hexdigest(),
                    "received_at": now,
                }
            )
        with db.write() as session:
            session.connection().execute(insert(EVENTS), rows)
        content = BATCH_HEAD + ",".join(texts) + "]}"
        return Response(content=content.encode("utf-8"), media_type="application/json")

    return app


def app_from_env() -> FastAPI:
    """uvicorn's factory: the settings come from ``BENCH_*`` environment variables."""
    return create_app(
        os.environ["BENCH_DATABASE_URL"],
        os.environ["BENCH_CREDENTIAL_ID"],
        os.environ["BENCH_STAMP_ID"],
    )


def main() -> None:
    import uvicorn  # noqa: PLC0415

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    # The same uvicorn settings as ``stamp-server serve`` (server/cli.py).
    uvicorn.run(
        "bare_insert_app:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="info",
    )


if __name__ == "__main__":
    main()
