"""The terminal's core service: from a scan to a committed event, no Qt, no devices.

A scan is parsed and resolved to a card (:meth:`Terminal.identify`); the cashier then records
stamps or a redemption for that card (:meth:`Terminal.stamp`, :meth:`Terminal.redeem`); a
manager may take stamps or a reward back (:meth:`Terminal.correct`). Every
recording runs the policy and writes the events and the card projection in one transaction on
the writer thread; the outcome is returned only after COMMIT.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from app.config import Config
from app.domain.card_code import public_key_from_text
from app.domain.events import EventDraft, EventType, OutboxEvent
from app.domain.scan import Scan, ScanKind
from app.errors import ConfigError
from app.policy.corrections import Correction, correction_verdict
from app.policy.ledger import CardView, Verdict
from app.policy.payload import CardRef, Refusal, parse_scan, refusal
from app.policy.rules import Guard, PolicySettings, count_refusal, redeem_guard, stamp_guard
from app.store.outbox import AppendResult, Outbox
from app.store.writer import StoreWriter
from app.sync.keys import MASTER_PUBLIC_KEY


@dataclass(frozen=True, slots=True)
class Identified:
    """A scan resolved to one card instance."""

    card_instance_id: str
    card: CardView | None
    ref: CardRef


@dataclass(frozen=True, slots=True)
class Recorded:
    """The committed result of a recording: its events (empty when refused) and the verdict."""

    events: tuple[OutboxEvent, ...]
    verdict: Verdict
    card: CardView | None

    @property
    def refused(self) -> bool:
        return self.verdict.refused


UNKNOWN_TAG = Refusal(
    "unknown_tag",
    "This NFC card is not registered to a stamp card yet. "
    "Scan the customer's QR code or register the card when the terminal is online.",
)
UNKNOWN_PHONE = Refusal(
    "unknown_phone",
    "No card is known for this phone number on this terminal. "
    "Scan the customer's card, or search again when the terminal is online.",
)
NO_CARD_FOR_PHONE = Refusal(
    "no_card_for_phone",
    "No card with this phone number — check the number or enrol the customer.",
)
PHONE_UNKNOWN_OFFLINE = Refusal(
    "phone_unknown_offline",
    "The server cannot be reached and this phone number is not known on this terminal — "
    "scan the customer's card, or search again when the terminal is back online.",
)


class Terminal:
    """Scan handling and event recording for one counter."""

    def __init__(
        self,
        config: Config,
        writer: StoreWriter,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        is_online: Callable[[], bool] = lambda: False,
        lookup: Callable[[CardRef], str | None] | None = None,
    ) -> None:
        self._config = config
        self._writer = writer
        self._clock = clock
        self._is_online = is_online
        self._lookup = lookup
        self._policy: PolicySettings = config.policy()
        self._public_key: Ed25519PublicKey | None = None
        if config.card_public_key:
            try:
                self._public_key = public_key_from_text(config.card_public_key)
            except ValueError as exc:
                raise ConfigError(f"configuration key 'card_public_key': {exc}") from None

    @property
    def writer(self) -> StoreWriter:
        return self._writer

    def update_config(self, config: Config) -> None:
        """Use ``config`` from the next scan on: its scan policy, stamp value and card-signing
        key (settings changed while the terminal runs). A bad key raises ConfigError and
        changes nothing."""
        policy = config.policy()
        public_key = self._public_key
        if config.card_public_key != self._config.card_public_key:
            public_key = None
            if config.card_public_key:
                try:
                    public_key = public_key_from_text(config.card_public_key)
                except ValueError as exc:
                    raise ConfigError(f"configuration key 'card_public_key': {exc}") from None
        self._config, self._policy, self._public_key = config, policy, public_key

    def identify(self, scan: Scan) -> Identified | Refusal:
        """Parse a scan and find the card it names; never raises for bad input."""
        parsed = parse_scan(
            scan,
            require_signed=self._policy.require_signed_codes,
            public_key=self._signing_key(),
        )
        if isinstance(parsed, Refusal):
            return parsed
        ref = parsed
        if ref.kind == "card":
            card_id: str | None = ref.value
        elif ref.kind == "tag":
            card_id = self._writer.call(lambda o: o.card_by_tag_uid(ref.value))
        else:
            card_id = self._writer.call(lambda o: o.card_by_phone(ref.value))
        if card_id is None and self._lookup is not None:
            card_id = self._lookup(ref)
        if card_id is None:
            return UNKNOWN_TAG if ref.kind == "tag" else UNKNOWN_PHONE
        found = card_id
        card = self._writer.call(lambda o: o.card(found))
        if card is None and ref.kind == "card" and self._lookup is not None:
            self._lookup(ref)
            card = self._writer.call(lambda o: o.card(found))
        return Identified(found, card, ref)

    def find_by_phone(self, phone: str) -> Identified | Refusal:
        """The newest card of the member with this phone number: the cards known here first,
        then the server's when online; never raises for bad input."""
        parsed = parse_scan(Scan(ScanKind.STAMP, phone, source="phone"))
        if isinstance(parsed, Refusal) or parsed.kind != "phone":
            return refusal("bad_phone")
        ref = parsed
        card_id = self._writer.call(lambda o: o.card_by_phone(ref.value))
        if card_id is None:
            if self._lookup is None:
                return UNKNOWN_PHONE
            if not self._is_online():
                return PHONE_UNKNOWN_OFFLINE
            card_id = self._lookup(ref)
            if card_id is None:
                return NO_CARD_FOR_PHONE
        found = card_id
        return Identified(found, self._writer.call(lambda o: o.card(found)), ref)

    def _signing_key(self) -> Ed25519PublicKey | None:
        """The configured card-signing key, else the one the server gave at the last sync."""
        if self._public_key is None:
            cached = self._writer.call(lambda o: o.master_data_get(MASTER_PUBLIC_KEY))
            if cached:
                try:
                    self._public_key = public_key_from_text(json.loads(cached))
                except ValueError:
                    return None
        return self._public_key

    def stamp(self, card_instance_id: str, count: int = 1, source: str = "") -> Recorded:
        """Record ``count`` stamps for a card, one event each, if the policy allows."""
        refusal = count_refusal(self._policy, count)
        if refusal is not None:
            return Recorded((), refusal, None)
        guard = stamp_guard(self._policy, card_instance_id, count, self._clock())
        value = self._config.stamp_value or None
        drafts = [
            EventDraft(card_instance_id, EventType.STAMP, stamp_value=value, source=source)
            for _ in range(count)
        ]
        return self._record(drafts, guard)

    def redeem(self, card_instance_id: str, reward_instance_id: str, source: str = "") -> Recorded:
        """Record the redemption of one reward instance, if the policy allows."""
        guard = redeem_guard(
            self._policy,
            card_instance_id,
            reward_instance_id,
            online=self._is_online(),
            now=self._clock(),
        )
        draft = EventDraft(
            card_instance_id,
            EventType.REDEEM,
            reward_instance_id=reward_instance_id,
            source=source,
        )
        return self._record([draft], guard)

    def correct(self, correction: Correction, source: str = "") -> Recorded:
        """Record a manager's correction: one REMOVE_STAMP per stamp and a REMOVE_REWARD.

        The reason goes into each event's note, so it stays in the card's history on this
        terminal (the stamp API has no field for it). The card and the reward are checked and
        the events recorded in one transaction: the card cannot lose more stamps than it has.
        """
        card_id = correction.card_instance_id
        reward_id = correction.reward_instance_id
        reason = correction.clean_reason
        drafts = [
            EventDraft(card_id, EventType.REMOVE_STAMP, source=source, note=reason)
            for _ in range(max(0, correction.remove_stamps))
        ]
        if reward_id is not None:
            drafts.append(
                EventDraft(
                    card_id,
                    EventType.REMOVE_REWARD,
                    reward_instance_id=reward_id,
                    source=source,
                    note=reason,
                )
            )
        now = self._clock()

        def record(outbox: Outbox) -> AppendResult:
            with outbox.transaction():
                statuses = {r.reward_instance_id: r.status for r in outbox.rewards(card_id)}
                status = None if reward_id is None else statuses.get(reward_id)
                verdict = correction_verdict(correction, outbox.card(card_id), status, now)
                if verdict.refused:
                    return AppendResult((), verdict, None)
                return outbox.append(drafts)

        result = self._writer.call(record)
        return Recorded(tuple(result.events), result.verdict, result.card)

    def _record(self, drafts: list[EventDraft], guard: Guard) -> Recorded:
        result = self._writer.call(lambda o: o.append(drafts, guard))
        return Recorded(tuple(result.events), result.verdict, result.card)
