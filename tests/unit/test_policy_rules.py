"""Offline limits: every verdict of the stamp and redeem guards, and invariants under random use."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.policy.ledger import RECORD, CardView, Verdict
from app.policy.rules import (
    PolicySettings,
    redeem_guard,
    stamp_guard,
    start_of_local_day,
)

CARD = "3ab8fd17-2fb5-468c-9079-dfb887aacc54"
REWARD = "7f1c2a4e-0d7b-4c8e-9a61-2b5f0c3d9e10"
NOON = datetime(2024, 5, 14, 12, 0, 0)


@dataclass
class Recorded:
    card_instance_id: str
    event_type: str  # STAMP or REDEEM
    time: datetime
    review: bool = False
    synced: bool = False


@dataclass
class MemoryLedger:
    """A list of recorded events answering the LedgerView queries, for tests only."""

    events: list[Recorded] = field(default_factory=list)
    cards: dict[str, CardView] = field(default_factory=dict)

    def last_stamp_time(self, card_instance_id: str) -> datetime | None:
        times = [e.time for e in self._stamps(card_instance_id)]
        return times[-1] if times else None

    def stamps_since(self, card_instance_id: str, since: datetime) -> int:
        return sum(1 for e in self._stamps(card_instance_id) if e.time >= since)

    def unsynced_redemptions(self, card_instance_id: str) -> int:
        return sum(
            1
            for e in self.events
            if e.card_instance_id == card_instance_id and e.event_type == "REDEEM" and not e.synced
        )

    def card(self, card_instance_id: str) -> CardView | None:
        return self.cards.get(card_instance_id)

    def stamp(
        self, card_instance_id: str, count: int, at: datetime, *, review: bool = False
    ) -> None:
        self.events.extend(Recorded(card_instance_id, "STAMP", at, review) for _ in range(count))

    def sync(self) -> None:
        for event in self.events:
            event.synced = True

    def _stamps(self, card_instance_id: str) -> list[Recorded]:
        return [
            e
            for e in self.events
            if e.card_instance_id == card_instance_id and e.event_type == "STAMP"
        ]


def view(status: str = "ACTIVE", expiration: datetime | None = None) -> CardView:
    return CardView(CARD, "sc-1", 3, 10, status, expiration)


def verdict_of(
    ledger: MemoryLedger, count: int = 1, at: datetime = NOON, **policy: object
) -> Verdict:
    return stamp_guard(PolicySettings(**policy), CARD, count, at)(ledger)  # type: ignore[arg-type]


# --- settings --------------------------------------------------------------------------------


def test_defaults() -> None:
    s = PolicySettings()
    assert (s.debounce_seconds, s.max_stamps_per_visit, s.cooldown_seconds) == (3.0, 10, 0.0)
    assert (s.max_stamps_per_day, s.limit_action) == (0, "refuse")
    assert not s.offline_redemption
    assert not s.require_signed_codes


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("debounce_seconds", -1),
        ("debounce_seconds", float("nan")),
        ("debounce_seconds", float("inf")),
        ("debounce_seconds", "3"),
        ("debounce_seconds", True),
        ("cooldown_seconds", -0.5),
        ("max_stamps_per_visit", 0),
        ("max_stamps_per_visit", 2.5),
        ("max_stamps_per_visit", True),
        ("max_stamps_per_day", -1),
        ("limit_action", "warn"),
        ("offline_redemption", "yes"),
        ("require_signed_codes", 1),
    ],
)
def test_bad_settings_name_the_field(name: str, value: object) -> None:
    with pytest.raises(ValueError, match=name):
        PolicySettings(**{name: value})  # type: ignore[arg-type]


# --- stamp guard -------------------------------------------------------------------------------


def test_first_stamp_of_an_unknown_card_is_recorded() -> None:
    assert verdict_of(MemoryLedger()) is RECORD


@pytest.mark.parametrize(
    ("count", "code"), [(0, "bad_count"), (-3, "bad_count"), (11, "too_many_stamps")]
)
def test_count_outside_the_visit_range_is_always_refused(count: int, code: str) -> None:
    verdict = verdict_of(MemoryLedger(), count, limit_action="review")
    assert (verdict.action, verdict.code) == ("refuse", code)


def test_max_stamps_per_visit_is_allowed() -> None:
    assert verdict_of(MemoryLedger(), 4, max_stamps_per_visit=4) is RECORD
    message = verdict_of(MemoryLedger(), 5, max_stamps_per_visit=4).message
    assert message is not None
    assert "At most 4 stamps" in message


def test_same_card_within_debounce_is_a_duplicate_even_in_review_mode() -> None:
    ledger = MemoryLedger()
    ledger.stamp(CARD, 1, NOON)
    verdict = verdict_of(ledger, at=NOON + timedelta(seconds=2), limit_action="review")
    assert verdict == Verdict(
        "refuse", "duplicate_scan", "Already stamped 2 s ago — not counted twice."
    )
    assert verdict_of(ledger, at=NOON + timedelta(seconds=3)) is RECORD


def test_duplicate_right_away_says_just_now() -> None:
    ledger = MemoryLedger()
    ledger.stamp(CARD, 1, NOON)
    verdict = verdict_of(ledger, at=NOON + timedelta(milliseconds=300))
    assert verdict.message == "Already stamped just now — not counted twice."


def test_another_card_is_not_debounced() -> None:
    ledger = MemoryLedger()
    ledger.stamp("0131cef8-56e1-461a-b82b-7e220b925481", 1, NOON)
    assert verdict_of(ledger) is RECORD


def test_clock_moved_back_still_debounces_but_does_not_block_forever() -> None:
    ledger = MemoryLedger()
    ledger.stamp(CARD, 1, NOON)
    assert verdict_of(ledger, at=NOON - timedelta(seconds=1)).code == "duplicate_scan"
    assert verdict_of(ledger, at=NOON - timedelta(hours=1)) is RECORD


@pytest.mark.parametrize("status", ["EXPIRED", "DELETED", "REDEEMED", "deleted"])
def test_inactive_card_is_refused(status: str) -> None:
    ledger = MemoryLedger(cards={CARD: view(status)})
    verdict = verdict_of(ledger, limit_action="review")
    assert (verdict.action, verdict.code) == ("refuse", "card_inactive")


@pytest.mark.parametrize("status", ["ACTIVE", "UNKNOWN"])
def test_active_or_never_seen_card_is_stamped(status: str) -> None:
    assert verdict_of(MemoryLedger(cards={CARD: view(status)})) is RECORD


def test_expired_card_is_refused() -> None:
    ledger = MemoryLedger(cards={CARD: view(expiration=NOON - timedelta(minutes=1))})
    assert verdict_of(ledger).code == "card_expired"
    ledger = MemoryLedger(cards={CARD: view(expiration=NOON + timedelta(minutes=1))})
    assert verdict_of(ledger) is RECORD


def test_expiration_in_utc_against_a_naive_local_now_does_not_raise() -> None:
    past = datetime(2000, 1, 1, tzinfo=UTC)
    ledger = MemoryLedger(cards={CARD: view(expiration=past)})
    assert verdict_of(ledger).code == "card_expired"


def test_cooldown_refuses_or_reviews() -> None:
    ledger = MemoryLedger()
    ledger.stamp(CARD, 1, NOON)
    later = NOON + timedelta(minutes=10)
    refused = verdict_of(ledger, at=later, cooldown_seconds=1800)
    assert (refused.action, refused.code) == ("refuse", "cooldown")
    assert refused.message == (
        "This card was stamped 10 min ago and the shop allows one visit every 30 min, "
        "so nothing is counted."
    )
    review = verdict_of(ledger, at=later, cooldown_seconds=1800, limit_action="review")
    assert (review.action, review.code) == ("review", "cooldown")
    assert verdict_of(ledger, at=NOON + timedelta(minutes=30), cooldown_seconds=1800) is RECORD


def test_daily_limit_counts_the_local_calendar_day() -> None:
    ledger = MemoryLedger()
    ledger.stamp(CARD, 3, NOON - timedelta(hours=13))  # yesterday 23:00
    ledger.stamp(CARD, 4, NOON - timedelta(hours=2))
    assert verdict_of(ledger, 1, max_stamps_per_day=5) is RECORD
    refused = verdict_of(ledger, 2, max_stamps_per_day=5)
    assert (refused.action, refused.code) == ("refuse", "daily_limit")
    assert refused.message == (
        "Adding 2 stamps would take this card past the limit of 5 a day (4 already today), "
        "so nothing is counted."
    )
    review = verdict_of(ledger, 2, max_stamps_per_day=5, limit_action="review")
    assert (review.action, review.code) == ("review", "daily_limit")
    assert verdict_of(ledger, 5, at=NOON + timedelta(hours=12), max_stamps_per_day=5) is RECORD


def test_one_visit_larger_than_the_daily_limit() -> None:
    assert verdict_of(MemoryLedger(), 6, max_stamps_per_day=5).code == "daily_limit"


def test_start_of_local_day() -> None:
    assert start_of_local_day(datetime(2024, 5, 14, 23, 59, 59)) == datetime(2024, 5, 14)
    aware = datetime(2024, 5, 14, 12, 0, tzinfo=timezone(timedelta(hours=5)))
    start = start_of_local_day(aware)
    assert start.tzinfo is not None
    local = aware.astimezone()
    assert start.astimezone().replace(tzinfo=None) == datetime.combine(
        local.date(), datetime.min.time()
    )
    assert start <= aware < start + timedelta(days=1, hours=1)


# --- redeem guard ------------------------------------------------------------------------------


def redeem(ledger: MemoryLedger, *, online: bool, allow: bool = False) -> Verdict:
    policy = PolicySettings(offline_redemption=allow)
    return redeem_guard(policy, CARD, REWARD, online=online, now=NOON)(ledger)


def test_online_redemption_is_left_to_the_server() -> None:
    ledger = MemoryLedger(cards={CARD: view("REDEEMED")})
    ledger.events.append(Recorded(CARD, "REDEEM", NOON))
    assert redeem(ledger, online=True) is RECORD


def test_offline_redemption_is_off_by_default() -> None:
    verdict = redeem(MemoryLedger(), online=False)
    assert (verdict.action, verdict.code) == ("refuse", "offline_redemption_off")
    assert verdict.message is not None
    assert "online" in verdict.message
    assert "manager" in verdict.message


def test_offline_redemption_opt_in_allows_one_per_card_until_synced() -> None:
    ledger = MemoryLedger()
    assert redeem(ledger, online=False, allow=True) is RECORD
    ledger.events.append(Recorded(CARD, "REDEEM", NOON))
    verdict = redeem(ledger, online=False, allow=True)
    assert (verdict.action, verdict.code) == ("refuse", "offline_redemption_limit")
    ledger.sync()
    assert redeem(ledger, online=False, allow=True) is RECORD


def test_offline_redemption_on_an_inactive_card_is_refused() -> None:
    ledger = MemoryLedger(cards={CARD: view("REDEEMED")})
    assert redeem(ledger, online=False, allow=True).code == "card_inactive"


def test_redeem_needs_a_reward() -> None:
    with pytest.raises(ValueError, match="reward_instance_id"):
        redeem_guard(PolicySettings(), CARD, "", online=True, now=NOON)


def test_every_message_is_one_sentence() -> None:
    ledger = MemoryLedger()
    ledger.stamp(CARD, 1, NOON)
    verdicts = [
        verdict_of(MemoryLedger(), 0),
        verdict_of(MemoryLedger(), 99),
        verdict_of(ledger, at=NOON + timedelta(seconds=1)),
        verdict_of(ledger, at=NOON + timedelta(hours=1), cooldown_seconds=86400),
        verdict_of(ledger, 9, at=NOON + timedelta(hours=1), max_stamps_per_day=5),
        verdict_of(MemoryLedger(cards={CARD: view("EXPIRED")})),
        verdict_of(MemoryLedger(cards={CARD: view(expiration=NOON - timedelta(days=1))})),
        redeem(MemoryLedger(), online=False),
        redeem(MemoryLedger(events=[Recorded(CARD, "REDEEM", NOON)]), online=False, allow=True),
    ]
    for verdict in verdicts:
        assert verdict.refused
        assert verdict.message is not None
        assert verdict.message.endswith(".")
        assert ". " not in verdict.message, verdict.code


# --- property-based: limits are never exceeded ---------------------------------------------

CARDS = [f"00000000-0000-4000-8000-00000000000{i}" for i in range(3)]
START = datetime(2024, 3, 30, 21, 0)

attempts = st.lists(
    st.tuples(
        st.integers(0, 2),  # which card
        st.integers(0, 15),  # how many stamps
        st.integers(0, 7200),  # seconds since the previous attempt
    ),
    max_size=80,
)
policies = st.builds(
    PolicySettings,
    debounce_seconds=st.sampled_from([0.0, 3.0, 30.0]),
    max_stamps_per_visit=st.integers(1, 12),
    cooldown_seconds=st.sampled_from([0.0, 60.0, 900.0, 3600.0]),
    max_stamps_per_day=st.sampled_from([0, 1, 5, 12, 30]),
    limit_action=st.sampled_from(["refuse", "review"]),
)


@dataclass
class Visit:
    card: str
    count: int
    time: datetime
    review: bool


@settings(deadline=None, max_examples=200)
@given(policy=policies, steps=attempts)
def test_stamp_limits_are_never_exceeded(
    policy: PolicySettings, steps: list[tuple[int, int, int]]
) -> None:
    ledger = MemoryLedger()
    visits: list[Visit] = []
    now = START
    for card_index, count, advance in steps:
        now += timedelta(seconds=advance)
        card = CARDS[card_index]
        before = [v for v in visits if v.card == card]
        verdict = stamp_guard(policy, card, count, now)(ledger)
        assert verdict.action in ("record", "review", "refuse")
        _check_reason(policy, verdict, before, count, now)
        if verdict.refused:
            continue
        review = verdict.action == "review"
        ledger.stamp(card, count, now, review=review)
        visits.append(Visit(card, count, now, review))

    for card in CARDS:
        mine = [v for v in visits if v.card == card]
        for earlier, later in itertools.pairwise(mine):
            assert (later.time - earlier.time).total_seconds() >= policy.debounce_seconds
        counted = [v for v in mine if not v.review]
        for earlier, later in itertools.pairwise(counted):
            assert (later.time - earlier.time).total_seconds() >= policy.cooldown_seconds
        per_day: dict[object, int] = {}
        for visit in counted:
            per_day[visit.time.date()] = per_day.get(visit.time.date(), 0) + visit.count
        if policy.max_stamps_per_day:
            assert all(total <= policy.max_stamps_per_day for total in per_day.values())
    for visit in visits:
        assert 1 <= visit.count <= policy.max_stamps_per_visit
        assert not visit.review or policy.limit_action == "review"


def _check_reason(
    policy: PolicySettings, verdict: Verdict, before: list[Visit], count: int, now: datetime
) -> None:
    """A refusal or review names a limit that really applies, and nothing else is stopped."""
    gap = (now - before[-1].time).total_seconds() if before else None
    today = sum(v.count for v in before if v.time.date() == now.date())
    applies = {
        "bad_count": count < 1,
        "too_many_stamps": count > policy.max_stamps_per_visit,
        "duplicate_scan": gap is not None and gap < policy.debounce_seconds,
        "cooldown": gap is not None and gap < policy.cooldown_seconds,
        "daily_limit": policy.max_stamps_per_day > 0 and today + count > policy.max_stamps_per_day,
    }
    if verdict.code is None:
        assert verdict.action == "record"
        assert not any(applies.values())
    else:
        assert applies[verdict.code], verdict


redemptions = st.lists(
    st.one_of(
        st.tuples(st.just("redeem"), st.integers(0, 2), st.booleans()),
        st.tuples(st.just("sync"), st.just(0), st.just(False)),
    ),
    max_size=60,
)


@settings(deadline=None, max_examples=200)
@given(allow=st.booleans(), steps=redemptions)
def test_offline_redemptions_never_exceed_one_per_card_between_syncs(
    allow: bool, steps: list[tuple[str, int, bool]]
) -> None:
    policy = PolicySettings(offline_redemption=allow)
    ledger = MemoryLedger()
    offline_since_sync = dict.fromkeys(CARDS, 0)
    for action, card_index, online in steps:
        if action == "sync":
            ledger.sync()
            offline_since_sync = dict.fromkeys(CARDS, 0)
            continue
        card = CARDS[card_index]
        verdict = redeem_guard(policy, card, REWARD, online=online, now=NOON)(ledger)
        if online:
            assert verdict is RECORD
        if verdict.refused:
            continue
        ledger.events.append(Recorded(card, "REDEEM", NOON))
        if not online:
            offline_since_sync[card] += 1
        assert offline_since_sync[card] <= (1 if allow else 0)
