"""The card screen's rewards and last visits, the reward-earned and the redeem-confirm screens."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.events import EventType, OutboxEvent
from app.store.ledger_queries import RewardRow
from app.ui.card_details import CardDetails, EarnedReward
from app.ui.widgets import label as _label


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
    name = reward.name or QCoreApplication.translate("RewardPanels", "Reward")
    if reward.expiration is None:
        return name
    return QCoreApplication.translate("RewardPanels", "{reward} · until {date}").format(
        reward=name, date=f"{_local(reward.expiration):%d %b %Y}"
    )


def visit_word(event_type: EventType) -> str:
    """What a visit did, in a word or two."""
    if event_type is EventType.STAMP:
        return QCoreApplication.translate("RewardPanels", "Stamp")
    if event_type is EventType.REDEEM:
        return QCoreApplication.translate("RewardPanels", "Reward redeemed")
    if event_type is EventType.REWARD:
        return QCoreApplication.translate("RewardPanels", "Reward")
    if event_type is EventType.REMOVE_STAMP:
        return QCoreApplication.translate("RewardPanels", "Stamp removed")
    return QCoreApplication.translate("RewardPanels", "Reward removed")


def visit_text(event: OutboxEvent) -> str:
    """One line of the card's history: local time and what happened."""
    return f"{_local(event.device_time):%d %b %H:%M} — {visit_word(event.event_type)}"


def celebration_text(reward: EarnedReward) -> tuple[str, str]:
    """The reward-earned headline and detail."""
    name = reward.name or QCoreApplication.translate("RewardPanels", "A reward")
    detail = reward.message or QCoreApplication.translate(
        "RewardPanels", "The customer can redeem it on their next visit."
    )
    return QCoreApplication.translate("RewardPanels", "{reward}!").format(reward=name), detail


class RewardsPanel(QWidget):
    """The card's active rewards, each with a Redeem button."""

    redeem = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = _label("", "rewardsHeading")
        self._rows = QVBoxLayout()
        self._shown: list[tuple[QLabel, RewardRow]] = []
        self.buttons: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(self._rows)
        self.retranslate()

    def retranslate(self) -> None:
        if self._shown:
            self.heading.setText(self.tr("Rewards available"))
        else:
            self.heading.setText(self.tr("No rewards available yet"))
        for label, reward in self._shown:
            label.setText(reward_text(reward))
        for button in self.buttons:
            button.setText(self.tr("Redeem"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_rewards(self, rewards: tuple[RewardRow, ...]) -> None:
        _clear(self._rows)
        self.buttons = []
        self._shown = []
        for reward in rewards:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            name = _label("", "rewardName")
            line.addWidget(name, 1)
            button = QPushButton()
            button.setObjectName("redeemButton")
            button.clicked.connect(lambda _=False, r=reward: self.redeem.emit(r))
            line.addWidget(button)
            self.buttons.append(button)
            self._shown.append((name, reward))
            self._rows.addWidget(row)
        self.retranslate()

    def texts(self) -> list[str]:
        """The reward lines as shown."""
        return [label.text() for label, _ in self._shown]


class VisitsPanel(QLabel):
    """The card's last visits on this terminal, newest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lastVisits")
        self.setWordWrap(True)
        self._visits: tuple[OutboxEvent, ...] = ()
        self.retranslate()

    def retranslate(self) -> None:
        lines = [visit_text(event) for event in self._visits]
        if lines:
            self.setText("\n".join([self.tr("Last visits"), *lines]))
        else:
            self.setText(self.tr("No visits here yet"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_visits(self, visits: tuple[OutboxEvent, ...]) -> None:
        self._visits = visits
        self.retranslate()


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
        self._reward: RewardRow | None = None
        self.question = _label("", "outcomeHeadline")
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("confirmButton")
        self.back_button = QPushButton()
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
        self.retranslate()

    def retranslate(self) -> None:
        self.confirm_button.setText(self.tr("Redeem now"))
        self.back_button.setText(self.tr("Back"))
        if self._reward is not None:
            name = self._reward.name or self.tr("this reward")
            self.question.setText(
                self.tr("Redeem “{reward}” for this customer?").format(reward=name)
            )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def ask(self, card_instance_id: str, reward: RewardRow) -> None:
        self._card_id = card_instance_id
        self._reward_id = reward.reward_instance_id
        self._reward = reward
        self.retranslate()
        self.set_busy(False)

    def set_busy(self, busy: bool) -> None:
        self.confirm_button.setEnabled(not busy)
        self.back_button.setEnabled(not busy)

    def _confirm(self) -> None:
        self.set_busy(True)
        self.confirmed.emit(self._card_id, self._reward_id)
