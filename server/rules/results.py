"""The per-event result JSON of a batch, written fast from cached fragments.

The text is exactly what ``EventResult.model_dump_json(by_alias=True, exclude_unset=True,
exclude_none=True)`` writes for the same values (tests compare the two): compact, in the models'
field order, UTF-8 unescaped. Within a batch the server time is one instant, so each card's
unchanging fields and each reward instance (per status) are rendered once and reused.
"""

from __future__ import annotations

from datetime import UTC, datetime
from json.encoder import encode_basestring

from app.domain.dates import format_api_datetime
from server.db.tables import ACTIVE, EXPIRED
from server.errors import ErrorCode
from server.rules.records import CardState, RewardState


def quoted(text: str) -> str:
    """A JSON string literal, non-ASCII left as is (as pydantic writes it)."""
    result: str = encode_basestring(text)
    return result


def date_text(value: datetime) -> str:
    """A date-time in the documents' format as a JSON string literal."""
    if value.tzinfo is UTC:
        return f'"{value.isoformat(timespec="milliseconds")[:-6]}+0000"'
    return quoted(format_api_datetime(value))


class ResultWriter:
    """Writes the per-event results of one batch applied at server time ``now``."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self._now_text = date_text(now)
        self._rewards: dict[tuple[str, str], str] = {}
        self._cards: dict[str, tuple[str, str, str]] = {}
        self._dates: dict[datetime, str] = {}

    def date(self, value: datetime) -> str:
        """``date_text(value)``, once per distinct instant of the batch (the rewards a batch
        earns share their times; a card lists up to 20 of them in every result)."""
        text = self._dates.get(value)
        if text is None:
            text = self._dates[value] = date_text(value)
        return text

    def reward(self, record: RewardState, reward: str | None) -> str:
        """A reward instance's JSON; ``reward`` is its master data's JSON text."""
        status = record.status
        expiration = record.expiration_date
        if status == ACTIVE and expiration is not None and expiration <= self.now:
            status = EXPIRED
        key = (record.id, status)
        text = self._rewards.get(key)
        if text is None:
            master = "" if reward is None else f',"reward":{reward}'
            expires = (
                "" if expiration is None else f',"rewardExpirationDate":{self.date(expiration)}'
            )
            text = (
                f'{{"rewardInstanceId":{quoted(record.id)}'
                f',"cardInstanceId":{quoted(record.card_instance_id)}{master}'
                f',"status":"{status}","rewardedTime":{self.date(record.rewarded_time)}{expires}}}'
            )
            self._rewards[key] = text
        return text

    def card(self, card: CardState, total_stamps: int, rewards: str) -> str:
        """A card in its event form (with updateTime and its ACTIVE rewards, whose JSON texts
        ``rewards`` joins with commas)."""
        fixed = self._cards.get(card.id)
        expiration = card.expiration_date
        if fixed is None:
            head = (
                f'{{"cardInstanceId":{quoted(card.id)},"stampCardId":{quoted(card.stamp_card_id)}'
            )
            tail = f',"totalStamps":{total_stamps},"issueDate":{date_text(card.issue_date)}'
            expires = "" if expiration is None else f',"expirationDate":{date_text(expiration)}'
            fixed = self._cards[card.id] = (head, tail, expires)
        head, tail, expires = fixed
        status = card.status
        if status == ACTIVE and expiration is not None and expiration <= self.now:
            status = EXPIRED
        changed = card.update_time
        update = self._now_text if changed is None or changed == self.now else date_text(changed)
        return (
            f'{head},"currentStamps":{card.current_stamps}{tail},"updateTime":{update}'
            f'{expires},"status":"{status}","rewards":[{rewards}]}}'
        )

    @staticmethod
    def applied(event_id: str, card: str, earned: list[str]) -> str:
        """The result of an applied event: the card as it is now and what the event earned."""
        return (
            f'{{"result":{{"code":0}},"eventId":{quoted(event_id)},'
            f'"cardInstance":{card},"rewards":[{",".join(earned)}]}}'
        )

    @staticmethod
    def refused(error: ErrorCode, event_id: str) -> str:
        """The result of a refused event: its code and message key, nothing about the card."""
        return (
            f'{{"result":{{"code":{error.code},"message":{quoted(error.key)}}},'
            f'"eventId":{quoted(event_id)}}}'
        )
