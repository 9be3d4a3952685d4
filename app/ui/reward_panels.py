"""The card screen's rewards and last visits, the reward-earned and the redeem-confirm screens."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.events import EventType, OutboxEvent
from app.store.ledger_queries import RewardRow
from app.ui.card_details import CardDetails, EarnedReward

VISIT_WORDS = {EventType.STAMP: "Stamp", EventType.REDEEM: "Reward redeemed"}


def _label(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def _clear(layout: QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()


def _local(moment: datetime) -> datetime:
    return moment.astimezone() if moment.tzinfo is not None else moment


def reward_text(reward: RewardRow) -> str:
    """A reward's name and, when it has one, its expiry date."""
    name = reward.name or "Reward"
    if reward.expiration is None:
        return name
    return f"{name} · until {_local(reward.expiration):%d %b %Y}"


def visit_text(event: OutboxEvent) -> str:
    """One line of the card's history: local time and what happened."""
    word = VISIT_WORDS.get(event.event_type, event.event_type.value.title())
    return f"{_local(event.device_time):%d %b %H:%M} — {word}"


class RewardsPanel(QWidget):
    """The card's active rewards, each with a Redeem button."""

    redeem = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = _label("", "rewardsHeading")
        self._rows = QVBoxLayout()
        self.buttons: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(self._rows)

    def show_rewards(self, rewards: tuple[RewardRow, ...]) -> None:
        _clear(self._rows)
        self.buttons = []
        self.heading.setText("Rewards available" if rewards else "No rewards available yet")
        for reward in rewards:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(_label(reward_text(reward), "rewardName"), 1)
            button = QPushButton("Redeem")
            button.setObjectName("redeemButton")
            button.clicked.connect(lambda _=False, r=reward: self.redeem.emit(r))
            line.addWidget(button)
            self.buttons.append(button)
            self._rows.addWidget(row)

    def texts(self) -> list[str]:
        """The reward lines as shown."""
        return [w.text() for w in self.findChildren(QLabel, "rewardName")]


class VisitsPanel(QLabel):
    """The card's last visits on this terminal, newest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lastVisits")
        self.setWordWrap(True)

    def show_visits(self, visits: tuple[OutboxEvent, ...]) -> None:
        lines = [visit_text(event) for event in visits]
        self.setText("Last visits\n" + "\n".join(lines) if lines else "No visits here yet")


class CardExtras(QWidget):
    """Rewards and last visits side by side under the stamp grid."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rewards = RewardsPanel()
        self.visits = VisitsPanel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.rewards, 1)
        layout.addWidget(self.visits, 1)

    def show_details(self, details: CardDetails) -> None:
        self.rewards.show_rewards(details.rewards)
        self.visits.show_visits(details.visits)


class RedeemConfirmScreen(QWidget):
    """Asks the cashier to confirm one redemption before anything is recorded."""

    confirmed = Signal(str, str)
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("redeemConfirm")
        self._card_id = ""
        self._reward_id = ""
        self.question = _label("", "outcomeHeadline")
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.confirm_button = QPushButton("Redeem now")
        self.confirm_button.setObjectName("confirmButton")
        self.back_button = QPushButton("Back")
        self.back_button.setObjectName("cancelButton")
        self.confirm_button.clicked.connect(self._confirm)
        self.back_button.clicked.connect(self.back.emit)
        actions = QHBoxLayout()
        actions.addWidget(self.back_button)
        actions.addWidget(self.confirm_button, 2)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.question)
        layout.addStretch(1)
        layout.addLayout(actions)

    def ask(self, card_instance_id: str, reward: RewardRow) -> None:
        self._card_id = card_instance_id
        self._reward_id = reward.reward_instance_id
        self.question.setText(f"Redeem “{reward.name or 'this reward'}” for this customer?")
        self.set_busy(False)

    def set_busy(self, busy: bool) -> None:
        self.confirm_button.setEnabled(not busy)
        self.back_button.setEnabled(not busy)

    def _confirm(self) -> None:
        self.set_busy(True)
        self.confirmed.emit(self._card_id, self._reward_id)


def celebration_text(reward: EarnedReward) -> tuple[str, str]:
    """The reward-earned headline and detail."""
    detail = reward.message or "The customer can redeem it on their next visit."
    return f"{reward.name}!", detail
