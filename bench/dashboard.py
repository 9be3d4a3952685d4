"""The merchant dashboard and the customer's card page on a big shop: how long each page takes.

Run: ``python bench/dashboard.py [--customers 20000] [--events 1000000] [--days 60]
[--requests 30] [--page-seconds 10] [--databases sqlite,postgresql]
[--extra-sql "CREATE INDEX ..." ...]``.

For each database (a SQLite file; PostgreSQL in a throw-away cluster from tests/pg_harness.py,
which runs with fsync and synchronous_commit off) the bench migrates a new database and makes
two shops with ``server.demo.init_demo`` (each with its dashboard login): the first is the shop
whose pages are measured, the second is there so that every query's tenant filter has rows to
leave out. Then it loads a big history straight into the tables, not through the API
(``server.db.bulk.insert_rows`` on ``server.db.tables``: multi-row INSERTs on SQLite, one
``unnest()`` INSERT per chunk on PostgreSQL):

- ``--customers`` customers with a phone number, a name and a customer credential, each with a
  card of their shop's demo stamp card (half for each shop), issued over the last ``--days``
  + 30 days; a card's visits are its days in use times a rate with a heavy tail (Pareto of
  shape 2, capped at 8 times the mean), so a few regulars come several times a day;
- about ``--events`` event rows over the last ``--days`` days, made by replaying each card's
  visits with the demo stamp card's rules: a STAMP (1 stamp) per visit, a refused second scan
  (33003, anti-fraud) after 3% of the visits, the server's REWARD row and a reward instance at
  every 10th stamp, a REDEEM of the waiting reward at 80% of the visits after it, 0.2% of the
  stamps held by the terminal's policy and let through (flag ``policy``); every event comes from
  its shop's terminal credential with a unique eventId and a result JSON of the server's shape,
  ``received_at`` a few seconds after ``event_time`` (2% synced hours later, by a terminal that
  was offline); cards and reward instances hold the state the replay left;
- the refused and held events older than 14 days were reviewed (four in five dismissed by the
  shop's owner); newer ones wait in the review queue.

After the load, as an operator does after a bulk load: ``VACUUM ANALYZE`` on PostgreSQL (a table
that grew over weeks has been vacuumed and analyzed by autovacuum; without the VACUUM,
autovacuum would start on the new rows in the middle of the measurement) and ``ANALYZE`` on
SQLite (which has no automatic statistics at all). Then a checkpoint (PostgreSQL ``CHECKPOINT``,
SQLite ``wal_checkpoint(TRUNCATE)``), so that writing out the loaded pages does not go on in
the background of the measurement: in a trial without it, every page that reads the database
was up to 1.6 times slower for the minutes after an index was built.

The load runs with a 512 MB SQLite page cache on its own connection (the server's connections
keep SQLite's default); its time is printed per step.

Then ``stamp-server serve`` (one worker, a subprocess) runs on the database. One httpx client
(keep-alive) signs in through ``POST /dashboard/login``, keeps the cookie and times
``--requests`` sequential GETs of each page, after 3 warm-up requests of that page (a page that
has taken ``--page-seconds`` stops sooner, after at least 5, so that a slow page does not make
the run last many minutes; the table says how many were measured): the
overview (today's figures and the 30-day chart), the stamp cards, the customers without a
search, with a part of a phone number and with a last name, the busiest customer's page, the
terminals, the review queue, and the busiest customer's card page ``/c/<id>.<signature>`` (signed
with the server's key from its home directory). The baselines, measured in the same run by the
same client: ``GET /dashboard/login`` (a template, no database) and ``GET /healthz`` (no
database). Each ``--extra-sql`` statement (an index to try, say) is then run on the loaded
database, followed by the same ANALYZE and checkpoint, the server restarted and every page
measured again.

Prints per database the time of the load and the row counts, then per page the number of timed
GETs, the p50 and p95 in ms and the p50 over the login page's p50 (with ``--extra-sql`` also
the figures after it and the after/before ratio of the p50).
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
from sqlalchemy import Engine, event, func, literal, select

# With only this file's directory on sys.path, ``import server`` would import bench/server.py:
# the project's root goes first; tests/ gives the PostgreSQL harness and the port helper.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent / "tests"))

from pg_harness import PostgresCluster
from server_load import PUBLIC_URL, ServerProcess

from app.domain.card_code import sign_card_id
from app.domain.events import EventType
from server import errors
from server.auth import CUSTOMER, digest
from server.db import tables as t
from server.db.bulk import insert_rows
from server.db.engine import Database, create_db_engine
from server.db.migrate import upgrade
from server.db.tables import ACTIVE, REDEEMED
from server.db.types import UtcDateTime
from server.demo import init_demo
from server.rules.batch import EVENT_COLUMNS
from server.rules.results import date_text
from server.settings import SIGNING_KEY_FILE
from server.signing_key import load_or_create_signing_key
from server.web.review_queries import count_waiting

WARMUP = 3
MIN_MEASURED = 5
CHUNK = 20_000
"""Rows per INSERT call of the load (``insert_rows`` splits them further on SQLite)."""
COMMIT_EVERY = 200_000
LOADER_CACHE_KIB = 512 * 1024
REFUSED_SHARE = 0.03
REDEEM_SHARE = 0.8
POLICY_SHARE = 0.002
LATE_SYNC_SHARE = 0.02
REVIEWED_AFTER = timedelta(days=14)
MAX_WEIGHT = 16.0
"""A card's visit rate is at most this many times the Pareto(2) mean of 2 (8x the average)."""
ROWS_PER_VISIT = 1.0 + REFUSED_SHARE + 0.1 + 0.1 * REDEEM_SHARE
"""Event rows a visit makes on average: its STAMP, a refusal, a REWARD and REDEEM per 10."""
REFUSED = errors.MULTIPLE_STAMP_ATTEMPT


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


POLICY_NOTE = "Second scan within 2 minutes; the manager let it through"
FIRST_NAMES = words(
    "Anna Ben Carla David Emma Felix Grace Hugo Ines Jonas Kira Liam Mia Noah Olga Paul Quinn "
    "Rosa Sam Tara Uma Victor Wendy Xavier Yara Zoe Aaron Bella Chris Dana Eric Fiona Gabe Hanna "
    "Ivan Julia Karl Lena Marco Nina"
)
LAST_NAMES = words(
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez "
    "Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris "
    "Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill "
    "Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Schmidt Weber "
    "Fischer Wagner Becker Hoffmann Koch Richter Klein Wolf"
)
RECEIVED = EVENT_COLUMNS.index("received_at")
TABLES = t.Base.metadata.tables


@dataclass(frozen=True, slots=True)
class Merchant:
    """A demo shop as the load needs it."""

    id: str
    stamp_card_id: str
    reward_id: str
    reward_validity: timedelta | None
    threshold: int
    terminal_id: str
    stamp: tuple[str, str]
    redeem: tuple[str, str]
    owner_id: str
    email: str
    password: str


@dataclass(slots=True)
class Card:
    """A customer's card while its visits are replayed."""

    id: str
    user_id: str
    merchant: Merchant
    issued: datetime
    visits: int
    stamps: int = 0
    update_time: datetime | None = None
    rows: int = 0
    expires: datetime = field(init=False)

    def __post_init__(self) -> None:
        self.expires = self.issued + timedelta(days=365)


@dataclass
class Loaded:
    """What the load made, for the pages to ask for and for the report."""

    seconds: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    busy_user: str = ""
    busy_card: str = ""
    busy_events: int = 0
    phone_part: str = ""
    last_name: str = ""


@dataclass
class Timing:
    page: str
    path: str
    times: list[float]

    def quantile(self, q: float) -> float:
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    @property
    def p50(self) -> float:
        return statistics.median(self.times)


def make_shops(url: str, home: Path, now: datetime) -> list[Merchant]:
    """A migrated database with two demo shops (each with its dashboard login)."""
    upgrade(url)
    db = Database(url)
    try:
        key = load_or_create_signing_key(home / SIGNING_KEY_FILE)
        demos = [init_demo(db, PUBLIC_URL, key, now, dashboard_login=True) for _ in range(2)]
        shops = []
        with db.read() as session:
            for demo in demos:
                terminal = session.scalars(
                    select(t.Credential.id).where(
                        t.Credential.token_hash == digest(demo["terminalToken"])
                    )
                ).one()
                stamps = {
                    stamp.event_type: (stamp.id, stamp.stamp_value)
                    for stamp in session.scalars(
                        select(t.Stamp).where(t.Stamp.stamp_card_id == demo["stampCardId"])
                    )
                }
                reward = session.get_one(t.Reward, demo["rewardId"])
                owner = session.scalars(
                    select(t.MerchantUser.id).where(t.MerchantUser.email == demo["dashboardEmail"])
                ).one()
                shops.append(
                    Merchant(
                        id=demo["merchantId"],
                        stamp_card_id=demo["stampCardId"],
                        reward_id=reward.id,
                        reward_validity=(
                            timedelta(days=reward.validity_days) if reward.validity_days else None
                        ),
                        threshold=reward.threshold,
                        terminal_id=terminal,
                        stamp=stamps[EventType.STAMP.value],
                        redeem=stamps[EventType.REDEEM.value],
                        owner_id=owner,
                        email=demo["dashboardEmail"],
                        password=demo["dashboardPassword"],
                    )
                )
    finally:
        db.dispose()
    return shops


def new_id(rng: random.Random) -> str:
    """A version 4 UUID drawn from ``rng`` (the same history every run)."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


class Replay:
    """Makes the rows of the customers, their cards and the cards' histories."""

    def __init__(self, shops: list[Merchant], args: argparse.Namespace, now: datetime) -> None:
        self.rng = random.Random(8)
        self.now = now
        self.start = now - timedelta(days=args.days)
        self.users: list[tuple[Any, ...]] = []
        self.credentials: list[tuple[Any, ...]] = []
        self.cards: list[Card] = []
        self.events: list[tuple[Any, ...]] = []
        self.rewards: dict[str, list[Any]] = {}
        self.last_names: dict[str, str] = {}
        self.phones: dict[str, str] = {}
        self._customers(shops, args.customers, args.events)

    def _customers(self, shops: list[Merchant], customers: int, events: int) -> None:
        """The customers, each with a card and a number of visits: a Pareto-drawn rate times
        the days the card has been in use (issued over the last ``--days`` + 30 days)."""
        rng = self.rng
        window = (self.now - self.start).total_seconds()
        lead = timedelta(days=30).total_seconds()
        drawn = []
        for _ in range(customers):
            issued = self.now - timedelta(seconds=rng.uniform(0, window + lead))
            active_days = (self.now - max(issued, self.start)).total_seconds() / 86400
            drawn.append((issued, min(rng.paretovariate(2.0), MAX_WEIGHT) * active_days))
        scale = events / ROWS_PER_VISIT / max(1e-9, sum(weight for _issued, weight in drawn))
        phones: set[str] = set()
        for n, (issued, weight) in enumerate(drawn):
            user_id = new_id(rng)
            last = rng.choice(LAST_NAMES)
            name = f"{rng.choice(FIRST_NAMES)} {last}"
            phone = ""
            while not phone or phone in phones:
                phone = f"+1{rng.randrange(201, 990)}{rng.randrange(10**7):07d}"
            phones.add(phone)
            self.users.append((user_id, name, phone, issued))
            token_hash = f"{rng.getrandbits(256):064x}"
            self.credentials.append((new_id(rng), CUSTOMER, token_hash, user_id, name, issued))
            self.last_names[user_id] = last
            self.phones[user_id] = phone
            visits = max(1, round(weight * scale))
            self.cards.append(Card(new_id(rng), user_id, shops[n % 2], issued, visits))

    def replay(self) -> None:
        """Every card's visits in time order with the demo rules; the events sorted by the
        time the server received them (the order their ids would have)."""
        for card in self.cards:
            self._replay_card(card)
        self.events.sort(key=lambda row: row[RECEIVED])

    def _received(self, at: datetime) -> datetime:
        """When the terminal's sync brought the event to the server."""
        rng = self.rng
        late = rng.random() < LATE_SYNC_SHARE
        delay = rng.uniform(3600, 12 * 3600) if late else rng.uniform(0.2, 3)
        return max(at, min(at + timedelta(seconds=delay), self.now))

    def _replay_card(self, card: Card) -> None:
        rng = self.rng
        shop = card.merchant
        first = max(card.issued, self.start)
        span = max(1.0, (self.now - first).total_seconds() - 120)
        waiting: list[str] = []
        for offset in sorted(rng.uniform(0, span) for _ in range(card.visits)):
            at = first + timedelta(seconds=offset)
            received = self._received(at)
            card.update_time = received
            while waiting and self._expired(waiting[0], received):
                waiting.pop(0)
            if waiting and rng.random() < REDEEM_SHARE:
                reward = self.rewards[waiting.pop(0)]
                reward[3], reward[6] = REDEEMED, received
                self._event(card, EventType.REDEEM, at, received, 0, waiting, reward[0])
            card.stamps += 1
            earned: str | None = None
            if card.stamps == shop.threshold:
                card.stamps = 0
                earned = new_id(rng)
                validity = shop.reward_validity
                expires = received + validity if validity is not None else None
                self.rewards[earned] = [
                    earned,
                    card.id,
                    shop.reward_id,
                    ACTIVE,
                    received,
                    expires,
                    received,
                ]
                waiting.append(earned)
            flag = "policy" if rng.random() < POLICY_SHARE else None
            self._event(card, EventType.STAMP, at, received, 1, waiting, flag=flag)
            if earned is not None:
                self.events.append(
                    (
                        *(shop.terminal_id, None, card.id, EventType.REWARD.value, at),
                        *(shop.stamp[0], shop.stamp[1], earned, 0, 0, None, None, received),
                        *(None, None),
                    )
                )
                card.rows += 1
            if rng.random() < REFUSED_SHARE:
                again = at + timedelta(seconds=rng.uniform(5, 60))
                refused = self._received(again)
                self._event(card, EventType.STAMP, again, refused, 0, waiting, refused=REFUSED)

    def _expired(self, reward_id: str, at: datetime) -> bool:
        """Whether the reward instance can no longer be redeemed at ``at`` (it stays ACTIVE in
        the table, as the server leaves it; the rules see it as expired)."""
        expires = self.rewards[reward_id][5]
        return expires is not None and expires <= at

    def _event(
        self,
        card: Card,
        event_type: EventType,
        at: datetime,
        received: datetime,
        delta: int,
        waiting: Sequence[str],
        reward_instance: str | None = None,
        *,
        refused: errors.ErrorCode | None = None,
        flag: str | None = None,
    ) -> None:
        """An event row from the shop's terminal, with the result JSON the server wrote."""
        shop = card.merchant
        event_id = new_id(self.rng)
        stamp = shop.redeem if event_type == EventType.REDEEM else shop.stamp
        if refused is not None:
            result = (
                f'{{"result":{{"code":{refused.code},"message":"{refused.key}"}},'
                f'"eventId":"{event_id}"}}'
            )
        else:
            rewards = ",".join(
                f'{{"rewardInstanceId":"{reward_id}","cardInstanceId":"{card.id}",'
                f'"status":"ACTIVE","rewardedTime":{date_text(self.rewards[reward_id][4])}}}'
                for reward_id in waiting[-20:]
            )
            result = (
                f'{{"result":{{"code":0}},"eventId":"{event_id}","cardInstance":'
                f'{{"cardInstanceId":"{card.id}","stampCardId":"{shop.stamp_card_id}",'
                f'"currentStamps":{card.stamps},"totalStamps":{shop.threshold},'
                f'"issueDate":{date_text(card.issued)},"updateTime":{date_text(received)},'
                f'"expirationDate":{date_text(card.expires)},"status":"ACTIVE",'
                f'"rewards":[{rewards}]}},"rewards":[]}}'
            )
        self.events.append(
            (
                shop.terminal_id,
                event_id,
                card.id,
                event_type.value,
                at,
                None if refused is not None else stamp[0],
                stamp[1],
                reward_instance,
                delta,
                0 if refused is None else refused.code,
                result,
                f"{self.rng.getrandbits(256):064x}",
                received,
                POLICY_NOTE if flag else None,
                flag,
            )
        )
        card.rows += 1


def insert_all(
    engine: Engine, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """``rows`` in chunks of multi-row INSERTs, a commit every ``COMMIT_EVERY`` rows."""
    for start in range(0, len(rows), COMMIT_EVERY):
        with engine.begin() as conn:
            part = rows[start : start + COMMIT_EVERY]
            for offset in range(0, len(part), CHUNK):
                insert_rows(conn, TABLES[table], columns, part[offset : offset + CHUNK])


def add_reviews(engine: Engine, shops: list[Merchant], now: datetime) -> None:
    """Four in five of each shop's refused and held events older than ``REVIEWED_AFTER``
    dismissed by its owner (``INSERT ... SELECT``, decided when they arrived)."""
    events, reviews = TABLES["events"], TABLES["event_reviews"]
    cutoff = now - REVIEWED_AFTER
    with engine.begin() as conn:
        for shop in shops:
            chosen = select(
                events.c.id, literal(shop.owner_id), literal("dismiss"), events.c.received_at
            ).where(
                events.c.credential_id == shop.terminal_id,
                events.c.event_type != EventType.REWARD.value,
                (events.c.result_code != 0) | (events.c.flag == "policy"),
                events.c.received_at < literal(cutoff, UtcDateTime()),
                events.c.id % 5 != 0,
            )
            conn.execute(
                reviews.insert().from_select(["event_pk", "user_id", "decision", "at"], chosen)
            )


def analyze(engine: Engine) -> str:
    """What an operator runs after a bulk load; returns what was run."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
            conn.exec_driver_sql("CHECKPOINT")
        return "VACUUM ANALYZE + CHECKPOINT"
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").all()
        conn.commit()
    return "ANALYZE + wal_checkpoint"


def _big_cache(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute(f"PRAGMA cache_size=-{LOADER_CACHE_KIB}")


def load_history(
    url: str, shops: list[Merchant], args: argparse.Namespace, now: datetime
) -> Loaded:
    """The bulk load of the customers, cards, rewards, events and reviews, then ANALYZE."""
    loaded = Loaded()
    began = time.perf_counter()
    replay = Replay(shops, args, now)
    replay.replay()
    loaded.seconds["replay in Python"] = time.perf_counter() - began
    engine = create_db_engine(url)
    if engine.dialect.name == "sqlite":
        # The loader's own page cache (SQLite's default is 2 MB): the random eventIds of the
        # unique index would otherwise be read back from the file for every chunk.
        event.listen(engine, "connect", _big_cache)
    try:
        began = time.perf_counter()
        insert_all(engine, "users", ("id", "name", "phone", "created_at"), replay.users)
        insert_all(
            engine,
            "credentials",
            ("id", "kind", "token_hash", "user_id", "name", "created_at"),
            replay.credentials,
        )
        insert_all(
            engine,
            "card_instances",
            (
                *("id", "stamp_card_id", "merchant_id", "user_id", "current_stamps", "status"),
                *("active", "issue_date", "start_date", "update_time", "expiration_date"),
            ),
            [
                (
                    *(card.id, card.merchant.stamp_card_id, card.merchant.id, card.user_id),
                    *(card.stamps, ACTIVE, True, card.issued, card.issued),
                    *(card.update_time or card.issued, card.expires),
                )
                for card in replay.cards
            ],
        )
        insert_all(
            engine,
            "reward_instances",
            (
                *("id", "card_instance_id", "reward_id", "status", "rewarded_time"),
                *("expiration_date", "updated_at"),
            ),
            [tuple(reward) for reward in replay.rewards.values()],
        )
        insert_all(engine, "events", EVENT_COLUMNS, replay.events)
        add_reviews(engine, shops, now)
        loaded.seconds["INSERT"] = time.perf_counter() - began
        began = time.perf_counter()
        ran = analyze(engine)
        loaded.seconds[ran] = time.perf_counter() - began
        loaded.counts = count_rows(url, shops[0])
    finally:
        engine.dispose()
    busy = max((card for card in replay.cards if card.merchant is shops[0]), key=lambda c: c.rows)
    loaded.busy_user, loaded.busy_card, loaded.busy_events = busy.user_id, busy.id, busy.rows
    loaded.phone_part = replay.phones[busy.user_id][4:10]
    loaded.last_name = replay.last_names[busy.user_id]
    return loaded


def count_rows(url: str, shop: Merchant) -> dict[str, int]:
    """Row counts of the loaded database, and the measured shop's share."""
    db = Database(url)
    try:
        with db.read() as session:
            events = t.Event

            def scalar(statement: Any) -> int:
                return int(session.scalar(statement) or 0)

            by_kind = select(func.count()).select_from(events)
            counts = {
                "users": scalar(select(func.count()).select_from(t.User)),
                "card instances": scalar(select(func.count()).select_from(t.CardInstance)),
                "reward instances": scalar(select(func.count()).select_from(t.RewardInstance)),
                "credentials": scalar(select(func.count()).select_from(t.Credential)),
                "events": scalar(by_kind),
                "STAMP applied": scalar(
                    by_kind.where(events.event_type == "STAMP", events.result_code == 0)
                ),
                "STAMP refused": scalar(by_kind.where(events.result_code != 0)),
                "REWARD": scalar(by_kind.where(events.event_type == "REWARD")),
                "REDEEM": scalar(by_kind.where(events.event_type == "REDEEM")),
                "held by policy": scalar(by_kind.where(events.flag == "policy")),
                "event reviews": scalar(select(func.count()).select_from(t.EventReview)),
                "measured shop's events": scalar(
                    by_kind.where(events.credential_id == shop.terminal_id)
                ),
                "measured shop's waiting for review": count_waiting(session, shop.id),
            }
    finally:
        db.dispose()
    return counts


@contextmanager
def running_server(url: str, home: Path, label: str) -> Iterator[ServerProcess]:
    """``stamp-server serve --workers 1`` on the database, in a subprocess."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("STAMP_SERVER_")}
    server = ServerProcess(
        "stamp-server",
        [sys.executable, "-m", "server", "serve", "--workers", "1"],
        {
            **base,
            "STAMP_SERVER_HOME": str(home),
            "STAMP_SERVER_DATABASE_URL": url,
            "STAMP_SERVER_PUBLIC_URL": PUBLIC_URL,
        },
        home / f"server-{label}.log",
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()


def pages(home: Path, loaded: Loaded) -> list[tuple[str, str]]:
    """(label, path) of every page measured; the first is the baseline of the ratios."""
    key = load_or_create_signing_key(home / SIGNING_KEY_FILE)
    card_code = f"{loaded.busy_card}.{sign_card_id(key, loaded.busy_card)}"
    return [
        ("login page (baseline, no DB)", "/dashboard/login"),
        ("/healthz (no DB)", "/healthz"),
        ("overview (30-day chart)", "/dashboard/"),
        ("stamp cards", "/dashboard/stamp-cards"),
        ("customers (empty q)", "/dashboard/customers?q="),
        ("customers ?q=<6 phone digits>", f"/dashboard/customers?q={loaded.phone_part}"),
        ("customers ?q=<last name>", f"/dashboard/customers?q={quote(loaded.last_name)}"),
        ("customer page (busiest)", f"/dashboard/customers/{loaded.busy_user}"),
        ("terminals", "/dashboard/terminals"),
        ("review", "/dashboard/review"),
        ("card page /c/ (busiest)", f"/c/{card_code}"),
    ]


def measure(
    server: ServerProcess, shop: Merchant, wanted: list[tuple[str, str]], args: argparse.Namespace
) -> list[Timing]:
    """Sign in, then per page ``WARMUP`` unmeasured GETs and ``args.requests`` measured ones, or
    fewer (at least ``MIN_MEASURED``) when the page has taken ``args.page_seconds`` already."""
    timings = []
    with httpx.Client(base_url=server.url, timeout=120.0) as http:
        answer = http.post(
            "/dashboard/login",
            data={"email": shop.email, "password": shop.password, "next": "/dashboard/"},
        )
        if answer.status_code != 303 or not http.cookies:
            raise RuntimeError(f"sign-in: HTTP {answer.status_code} {answer.text[:300]}")

        def get(label: str, path: str) -> float:
            began = time.perf_counter()
            answer = http.get(path)
            elapsed = time.perf_counter() - began
            if answer.status_code != 200:
                raise RuntimeError(f"{label} {path}: HTTP {answer.status_code}")
            return elapsed * 1000

        for label, path in wanted:
            for _ in range(WARMUP):
                get(label, path)
            times: list[float] = []
            started = time.perf_counter()
            while len(times) < args.requests and (
                len(times) < MIN_MEASURED
                or args.page_seconds <= 0
                or time.perf_counter() - started < args.page_seconds
            ):
                times.append(get(label, path))
            timings.append(Timing(label, path, times))
    return timings


def run_sql(url: str, statements: Sequence[str]) -> str:
    """The ``--extra-sql`` statements on the loaded database, then the ANALYZE again."""
    engine = create_db_engine(url)
    try:
        if engine.dialect.name == "postgresql":
            # Outside a transaction, so that CREATE INDEX CONCURRENTLY works too.
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                for statement in statements:
                    conn.exec_driver_sql(statement)
        else:
            with engine.begin() as conn:
                for statement in statements:
                    conn.exec_driver_sql(statement)
        return analyze(engine)
    finally:
        engine.dispose()


@dataclass
class Result:
    database: str
    loaded: Loaded
    before: list[Timing]
    after: list[Timing] = field(default_factory=list)


def bench_database(name: str, url: str, home: Path, args: argparse.Namespace) -> Result:
    """Make and load the database, then measure the pages (and again after ``--extra-sql``)."""
    now = datetime.now(UTC)
    began = time.perf_counter()
    shops = make_shops(url, home, now)
    shops_seconds = time.perf_counter() - began
    loaded = load_history(url, shops, args, now)
    loaded.seconds = {"migrate + 2 demo shops": shops_seconds, **loaded.seconds}
    parts = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in loaded.seconds.items())
    print(f"[{name}] loaded in {sum(loaded.seconds.values()):.1f} s ({parts})", file=sys.stderr)
    wanted = pages(home, loaded)
    began = time.perf_counter()
    with running_server(url, home, "before") as server:
        before = measure(server, shops[0], wanted, args)
    print(f"[{name}] pages measured in {time.perf_counter() - began:.1f} s", file=sys.stderr)
    result = Result(name, loaded, before)
    if args.extra_sql:
        began = time.perf_counter()
        ran = run_sql(url, args.extra_sql)
        print(f"[{name}] --extra-sql + {ran}: {time.perf_counter() - began:.1f} s", file=sys.stderr)
        with running_server(url, home, "after") as server:
            result.after = measure(server, shops[0], wanted, args)
    return result


def report(results: list[Result], args: argparse.Namespace) -> None:
    limit = (
        f" (fewer, at least {MIN_MEASURED}, once a page has taken {args.page_seconds:g} s)"
        if args.page_seconds > 0
        else ""
    )
    print(
        f"dashboard pages on a big shop: {args.requests} sequential GETs per page{limit} after "
        f"{WARMUP} warm-ups, one client (httpx, keep-alive, signed in), "
        "`stamp-server serve --workers 1`"
    )
    print(
        f"history: {args.customers} customers (half for each of 2 shops), about {args.events} "
        f"events over {args.days} days, bulk-loaded; pages of the first shop"
    )
    print(
        "sqlite: WAL + synchronous=FULL, ANALYZE after the load; postgresql: tests/pg_harness.py "
        "cluster (fsync=off, synchronous_commit=off), VACUUM ANALYZE + CHECKPOINT after the load"
    )
    for result in results:
        loaded = result.loaded
        parts = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in loaded.seconds.items())
        print(f"{result.database}: load {sum(loaded.seconds.values()):.1f} s ({parts})")
        counts = ", ".join(f"{what} {number}" for what, number in loaded.counts.items())
        print(f"{result.database}: rows: {counts}")
        print(
            f"{result.database}: busiest customer of the shop: {loaded.busy_events} events; "
            f"searches q={loaded.phone_part} (phone digits), q={loaded.last_name}"
        )
    header = f"{'database':<10} {'page':<31} {'n':>3} {'p50 ms':>8} {'p95 ms':>8} {'p50/login':>9}"
    extra = bool(args.extra_sql)
    if extra:
        header += f" {'n':>3} {'after p50':>9} {'after p95':>9} {'after/before':>12}"
    print(header)
    for result in results:
        baseline = result.before[0].p50
        for index, timing in enumerate(result.before):
            line = (
                f"{result.database:<10} {timing.page:<31} {len(timing.times):>3} "
                f"{timing.p50:>8.1f} {timing.quantile(0.95):>8.1f} {timing.p50 / baseline:>9.1f}"
            )
            if result.after:
                later = result.after[index]
                line += (
                    f" {len(later.times):>3} {later.p50:>9.1f} {later.quantile(0.95):>9.1f} "
                    f"{later.p50 / timing.p50:>12.2f}"
                )
            print(line)
    if extra:
        print("after = after --extra-sql on the same loaded database:")
        for statement in args.extra_sql:
            print(f"  {statement}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--events", type=int, default=1_000_000, help="about this many")
    parser.add_argument("--days", type=int, default=60, help="the history's length")
    parser.add_argument("--requests", type=int, default=30, help="measured GETs per page")
    parser.add_argument(
        "--page-seconds",
        type=float,
        default=10.0,
        help=f"stop measuring a page after this long (at least {MIN_MEASURED} GETs); 0: never",
    )
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument(
        "--extra-sql",
        action="append",
        default=[],
        help="a statement to run on the loaded database before measuring again (repeatable)",
    )
    args = parser.parse_args()
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="bench-dashboard-") as directory:
        root = Path(directory)
        for database in args.databases.split(","):
            home = root / database
            home.mkdir()
            if database == "sqlite":
                url = f"sqlite:///{home / 'stamp-server.sqlite3'}"
                results.append(bench_database(database, url, home, args))
            elif database == "postgresql":
                with PostgresCluster() as cluster:
                    url = cluster.create_database("bench_dashboard")
                    results.append(bench_database(database, url, home, args))
            else:
                parser.error(f"unknown database {database!r}")
    report(results, args)


if __name__ == "__main__":
    main()
