"""Corrections at the counter: take back stamps or a reward given by mistake, behind the PIN.

"Correct…" on the card screen asks for the manager PIN, then shows what can be undone for the
card (stamps, at most the card's current ones; one active reward) and asks for a reason, which
stays in the card's history on this terminal. The events are recorded off the GUI thread by the
:class:`~app.ui.counter.CounterController`; the success screen says what was removed.

A reason chosen from the buttons is recorded as the cashier reads it, in the display language,
like a typed one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.events import EventType
from app.policy.corrections import MAX_REASON_LENGTH, Correction
from app.store.ledger_queries import RewardRow
from app.terminal import Identified, Recorded
from app.ui.card_details import CardDetails
from app.ui.counter import CounterController
from app.ui.reward_panels import reward_text
from app.ui.screens import card_title, short_card_name
from app.ui.widgets import label as _label

if TYPE_CHECKING:
    from app.ui.app import Kiosk
    from app.ui.main_window import KioskWindow
    from app.ui.pin import PinGate

Title = str | Callable[[], str]
"""The corrections screen's card title: as it is, or made in the current language."""


def correction_reasons() -> tuple[str, str, str]:
    """The reasons offered as buttons, in the order shown."""
    return (
        QCoreApplication.translate("Corrections", "Given by mistake"),
        QCoreApplication.translate("Corrections", "Wrong card"),
        QCoreApplication.translate("Corrections", "Customer complaint"),
    )


class CorrectionsScreen(QWidget):
    """What can be undone for one card, and why; "Remove" sends a :class:`Correction`."""

    submitted = Signal(object)
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("corrections")
        self._card_id = ""
        self._title: Title = ""
        self._have = 0
        self._remove = 0
        self._rewards: dict[str, RewardRow] = {}
        self.title = _label("", "correctionsTitle")
        self.stamps = _label("", "correctionsStamps")
        self.minus = QPushButton("\N{MINUS SIGN}")
        self.minus.setObjectName("stepButton")
        self.plus = QPushButton("+")
        self.plus.setObjectName("stepButton")
        self.remove_label = _label("", "correctionsCount")
        self.remove_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.minus.clicked.connect(lambda: self.set_remove(self._remove - 1))
        self.plus.clicked.connect(lambda: self.set_remove(self._remove + 1))
        self.rewards_heading = _label("", "correctionsHeading")
        self.reward_buttons: list[QPushButton] = []
        self._reward_list = QWidget()
        self._reward_list.setObjectName("correctionRewards")
        self._reward_rows = QVBoxLayout(self._reward_list)
        self._reward_rows.setContentsMargins(0, 0, 0, 0)
        self._reward_rows.addStretch(1)
        self.reward_scroll = QScrollArea()
        self.reward_scroll.setObjectName("correctionRewardsScroll")
        self.reward_scroll.setWidgetResizable(True)
        self.reward_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.reward_scroll.setWidget(self._reward_list)
        self.reason_buttons = [self._reason_button() for _ in correction_reasons()]
        self.reason_text = QLineEdit()
        self.reason_text.setObjectName("reasonText")
        self.reason_text.setMaxLength(MAX_REASON_LENGTH)
        self.reason_text.textEdited.connect(self._typed_reason)
        self.reason_heading = _label("", "correctionsHeading")
        self.hint = _label("", "correctionsHint")
        self.back_button = QPushButton()
        self.back_button.setObjectName("cancelButton")
        self.back_button.clicked.connect(self.back.emit)
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("confirmButton")
        self.confirm_button.clicked.connect(self._confirm)
        self._busy = False
        self._layout()
        self.retranslate()

    def _reason_button(self) -> QPushButton:
        button = QPushButton()
        button.setObjectName("reasonButton")
        button.setCheckable(True)
        button.clicked.connect(lambda _=False: self._pick_reason(button))
        return button

    def retranslate(self) -> None:
        title = self._title if isinstance(self._title, str) else self._title()
        self.title.setText(self.tr("Corrections — {card}").format(card=title))
        if self._have == 1:
            self.stamps.setText(self.tr("The card has 1 stamp."))
        else:
            self.stamps.setText(self.tr("The card has {count} stamps.").format(count=self._have))
        if self._rewards:
            self.rewards_heading.setText(self.tr("Remove a reward:"))
        else:
            self.rewards_heading.setText(self.tr("The card has no active reward."))
        for button in self.reward_buttons:
            reward = self._rewards[str(button.property("rewardId"))]
            button.setText(self.tr("Remove {reward}").format(reward=reward_text(reward)))
        for button, text in zip(self.reason_buttons, correction_reasons(), strict=True):
            button.setText(text)
        self.reason_heading.setText(self.tr("Reason (kept in the card's history)"))
        self.reason_text.setPlaceholderText(self.tr("Or type the reason"))
        self.back_button.setText(self.tr("Back"))
        self.confirm_button.setText(self.tr("Saving…") if self._busy else self.tr("Remove"))
        self._show_remove()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _layout(self) -> None:
        reasons = QVBoxLayout()
        for button in self.reason_buttons:
            reasons.addWidget(button)
        stepper = QHBoxLayout()
        stepper.addWidget(self.minus)
        stepper.addWidget(self.remove_label, 1)
        stepper.addWidget(self.plus)
        what = QVBoxLayout()
        what.addWidget(self.stamps)
        what.addLayout(stepper)
        what.addWidget(self.rewards_heading)
        what.addWidget(self.reward_scroll, 1)
        why = QVBoxLayout()
        why.addWidget(self.reason_heading)
        why.addLayout(reasons)
        why.addWidget(self.reason_text)
        why.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(what, 1)
        columns.addLayout(why, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.back_button)
        actions.addWidget(self.confirm_button, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(columns, 1)
        layout.addWidget(self.hint)
        layout.addLayout(actions)

    @property
    def card_id(self) -> str:
        return self._card_id

    @property
    def remove_count(self) -> int:
        return self._remove

    @property
    def reason(self) -> str:
        """The typed reason, else the chosen one, else empty."""
        typed = " ".join(self.reason_text.text().split())
        if typed:
            return typed
        chosen = [b.text() for b in self.reason_buttons if b.isChecked()]
        return chosen[0] if chosen else ""

    @property
    def chosen_reward(self) -> RewardRow | None:
        for button in self.reward_buttons:
            if button.isChecked():
                return self._rewards.get(str(button.property("rewardId")))
        return None

    def show_card(
        self, title: Title, card_id: str, stamps: int, rewards: tuple[RewardRow, ...]
    ) -> None:
        """A fresh form for one card: nothing chosen, no reason yet.

        ``title`` as a function is called again when the language changes.
        """
        self._card_id = card_id
        self._title = title
        self._have = max(0, stamps)
        self._show_rewards(rewards)
        for button in self.reason_buttons:
            button.setChecked(False)
        self.reason_text.clear()
        self._remove = 0
        self._busy = False
        self.retranslate()
        self.back_button.setEnabled(True)

    def _show_rewards(self, rewards: tuple[RewardRow, ...]) -> None:
        for old in self.reward_buttons:
            self._reward_rows.removeWidget(old)
            old.deleteLater()
        self.reward_buttons = []
        self._rewards = {r.reward_instance_id: r for r in rewards}
        for reward in rewards:
            button = QPushButton()
            button.setObjectName("correctionReward")
            button.setCheckable(True)
            button.setProperty("rewardId", reward.reward_instance_id)
            button.clicked.connect(lambda _=False, b=button: self._pick_reward(b))
            self.reward_buttons.append(button)
            self._reward_rows.insertWidget(self._reward_rows.count() - 1, button)

    def set_remove(self, count: int) -> None:
        self._remove = min(max(0, count), self._have)
        self._show_remove()

    def _show_remove(self) -> None:
        if self._remove == 0:
            self.remove_label.setText(self.tr("No stamps"))
        elif self._remove == 1:
            self.remove_label.setText(self.tr("Remove 1 stamp"))
        else:
            self.remove_label.setText(self.tr("Remove {count} stamps").format(count=self._remove))
        self._refresh()

    def set_busy(self, busy: bool) -> None:
        """While the correction is being saved, nothing can be pressed twice."""
        self._busy = busy
        self.back_button.setEnabled(not busy)
        self.confirm_button.setText(self.tr("Saving…") if busy else self.tr("Remove"))
        self._refresh()

    def _pick_reward(self, picked: QPushButton) -> None:
        for button in self.reward_buttons:
            if button is not picked:
                button.setChecked(False)
        self._refresh()

    def _pick_reason(self, picked: QPushButton) -> None:
        for button in self.reason_buttons:
            if button is not picked:
                button.setChecked(False)
        if picked.isChecked():
            self.reason_text.clear()
        self._refresh()

    def _typed_reason(self, text: str) -> None:
        if text.strip():
            for button in self.reason_buttons:
                button.setChecked(False)
        self._refresh()

    def _missing(self) -> str:
        if not self._remove and self.chosen_reward is None:
            return self.tr("Choose the stamps or the reward to remove.")
        if not self.reason:
            return self.tr("Choose or type a reason.")
        return ""

    def _refresh(self) -> None:
        self.minus.setEnabled(not self._busy and self._remove > 0)
        self.plus.setEnabled(not self._busy and self._remove < self._have)
        missing = self._missing()
        self.hint.setText(missing)
        self.confirm_button.setEnabled(not self._busy and not missing)

    def _confirm(self) -> None:
        if self._missing() or self._busy:
            return
        reward = self.chosen_reward
        correction = Correction(
            self._card_id,
            self.reason,
            remove_stamps=self._remove,
            reward_instance_id=None if reward is None else reward.reward_instance_id,
        )
        self.set_busy(True)
        self.submitted.emit(correction)


def _stamps_text(count: int) -> str:
    if count == 1:
        return QCoreApplication.translate("Corrections", "1 stamp")
    return QCoreApplication.translate("Corrections", "{count} stamps").format(count=count)


def _rewards_text(count: int) -> str:
    if count == 1:
        return QCoreApplication.translate("Corrections", "1 reward")
    return QCoreApplication.translate("Corrections", "{count} rewards").format(count=count)


def removed_text(recorded: Recorded) -> tuple[str, str]:
    """The success headline and detail of a recorded correction, in the current language."""
    stamps = sum(1 for e in recorded.events if e.event_type is EventType.REMOVE_STAMP)
    rewards = len(recorded.events) - stamps
    if stamps and rewards:
        headline = QCoreApplication.translate(
            "Corrections", "Removed {stamps} and {rewards}"
        ).format(stamps=_stamps_text(stamps), rewards=_rewards_text(rewards))
    else:
        what = _rewards_text(rewards) if rewards else _stamps_text(stamps)
        headline = QCoreApplication.translate("Corrections", "Removed {what}").format(what=what)
    sentences = []
    reason = recorded.events[0].note if recorded.events else None
    if reason:
        sentences.append(
            QCoreApplication.translate("Corrections", "Reason: {reason}.").format(reason=reason)
        )
    card = recorded.card
    if card is not None and card.total_stamps:
        sentences.append(
            QCoreApplication.translate(
                "Corrections", "The card now has {stamps} of {total} stamps."
            ).format(stamps=card.stamps, total=card.total_stamps)
        )
    elif card is not None:
        sentences.append(
            QCoreApplication.translate("Corrections", "The card now has {stamps} stamps.").format(
                stamps=card.stamps
            )
        )
    return headline, " ".join(sentences)


class CorrectionsFlow(QObject):
    """Card screen → manager PIN → corrections screen → recorded → success."""

    def __init__(self, window: KioskWindow, controller: CounterController, gate: PinGate) -> None:
        super().__init__(window)
        self._window = window
        self._controller = controller
        self._gate = gate
        self._found: Identified | None = None
        self._details: CardDetails | None = None
        self.screen = CorrectionsScreen()
        window.add_screen(self.screen)
        controller.identified.connect(self._on_identified)
        controller.details.connect(self._on_details)
        controller.corrected.connect(self._on_corrected)
        window.card.correct.connect(self.start)
        self.screen.submitted.connect(controller.correct)
        self.screen.back.connect(lambda: window.open_screen(window.card))

    def start(self, card_id: str) -> None:
        """Ask for the manager PIN, then show what can be undone for ``card_id``."""
        if not card_id:
            return
        end = card_id[-4:]
        self._gate.ask(
            lambda: self.tr("Enter the manager PIN to correct card …{end}.").format(end=end),
            lambda: self._open(card_id),
        )

    def _open(self, card_id: str) -> None:
        found = self._found if self._found and self._found.card_instance_id == card_id else None
        details = self._details
        rewards = details.rewards if details and details.card_instance_id == card_id else ()
        stamps = 0 if found is None or found.card is None else found.card.stamps

        def title() -> str:
            return short_card_name(card_id) if found is None else card_title(found)

        self.screen.show_card(title, card_id, stamps, rewards)
        self._window.open_screen(self.screen)

    def _on_identified(self, found: Identified) -> None:
        self._found = found

    def _on_details(self, details: CardDetails) -> None:
        self._details = details

    def _on_corrected(self, recorded: Recorded) -> None:
        self.screen.set_busy(False)
        self._window.show_success_rendered(lambda: removed_text(recorded))


def install_corrections(kiosk: Kiosk) -> CorrectionsFlow:
    """The corrections flow of a kiosk whose window has its PIN gate installed."""
    gate = kiosk.window.pin_gate
    if gate is None:
        raise RuntimeError("install the manager PIN gate before the corrections")
    return CorrectionsFlow(kiosk.window, kiosk.controller, gate)
