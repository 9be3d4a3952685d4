"""The kiosk window: a top bar with the sync badge over a stack of screens.

In full screen (kiosk mode) the window closes only after the manager PIN: closing it
(Alt+F4), Ctrl+Shift+Q or holding the title for three seconds asks for the PIN through
``pin_gate``. :meth:`KioskWindow.shutdown` closes it without the PIN, for the program's own
shutdown and for tests.

Every text follows the display language: the window keeps what an outcome screen shows (the
recorded scan, the refusal) and makes its sentences again when the language changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.events import EventType
from app.domain.scan import Scan
from app.policy.ledger import Verdict
from app.policy.payload import Refusal
from app.store.ledger_queries import RewardRow
from app.terminal import Identified, Recorded
from app.ui.bridge import DeviceBridge
from app.ui.card_details import EarnedReward
from app.ui.counter import CounterController
from app.ui.long_press import LongPress
from app.ui.reward_panels import RedeemConfirmScreen, celebration_text
from app.ui.screens import (
    CardScreen,
    OutcomeScreen,
    OutcomeText,
    ReadyScreen,
    celebration_screen,
    refused_screen,
    success_screen,
)
from app.ui.sound import Sounds
from app.ui.sync_badge import SyncBadge

if TYPE_CHECKING:
    from app.ui.pin import PinGate

OUTCOME_MS = 3000
CARD_IDLE_MS = 60000
MIN_SIZE = (1024, 600)
EXIT_SHORTCUT = "Ctrl+Shift+Q"

NavText = str | Callable[[], str]
"""A top-bar button's text: as it is, or made in the current language (again on each change)."""


def exit_reason() -> str:
    """Why the PIN pad asks for the PIN when the kiosk is to be left."""
    return QCoreApplication.translate("KioskWindow", "Enter the manager PIN to leave kiosk mode.")


class KioskWindow(QMainWindow):
    """Routes scans to the controller and the controller's answers to the screens."""

    def __init__(
        self,
        bridge: DeviceBridge,
        controller: CounterController,
        *,
        max_stamps: int,
        sounds: Sounds | None = None,
        outcome_ms: int = OUTCOME_MS,
        card_idle_ms: int = CARD_IDLE_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setMinimumSize(*MIN_SIZE)
        self._controller = controller
        self._sounds = sounds or Sounds(parent=self)
        self._outcome_ms = outcome_ms
        self._card_idle_ms = card_idle_ms
        self.badge = SyncBadge()
        self.ready = ReadyScreen()
        self.card = CardScreen(max_stamps)
        self.success = success_screen()
        self.refused = refused_screen()
        self.celebration = celebration_screen()
        self.redeem_confirm = RedeemConfirmScreen()
        self._earned: EarnedReward | None = None
        self._redeeming = ""
        self._nav_texts: list[tuple[QPushButton, Callable[[], str]]] = []
        self.pin_gate: PinGate | None = None
        self._may_close = False
        self.stack = QStackedWidget()
        screens = (self.ready, self.card, self.success, self.refused, self.celebration)
        for screen in (*screens, self.redeem_confirm):
            self.stack.addWidget(screen)
        self._back = QTimer(self)
        self._back.setSingleShot(True)
        self._back.timeout.connect(self.show_ready)
        self.setCentralWidget(self._layout())
        self._exit_hold = LongPress(self.title, self.request_exit)
        exit_keys = QShortcut(QKeySequence(EXIT_SHORTCUT), self)
        exit_keys.setContext(Qt.ShortcutContext.ApplicationShortcut)
        exit_keys.activated.connect(self.request_exit)

        bridge.scanned.connect(self._on_scan)
        bridge.device_state.connect(self.ready.show_device)
        bridge.preview.connect(self.ready.preview.show_frame)
        bridge.sync_status.connect(self.badge.show_status)
        controller.details.connect(self.card.show_details)
        controller.identified.connect(self._on_identified)
        controller.earned.connect(self._on_earned)
        controller.recorded.connect(self._on_recorded)
        controller.refused.connect(self._on_refused)
        controller.failed.connect(self._on_failed)
        self.card.confirm.connect(controller.stamp)
        self.card.cancel.connect(self.show_ready)
        self.card.redeem.connect(self._ask_redeem)
        self.redeem_confirm.confirmed.connect(controller.redeem)
        self.redeem_confirm.back.connect(lambda: self._show(self.card, self._card_idle_ms))
        self.retranslate()
        self.show_ready()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Stamp terminal"))
        self.title.setText(self.tr("Loyalty stamps"))
        for button, text in self._nav_texts:
            button.setText(text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _layout(self) -> QWidget:
        bar = QHBoxLayout()
        self.title = title = QLabel()
        title.setObjectName("appTitle")
        # The title takes what the buttons and the badge leave (at 1024 px that is little).
        title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bar.addWidget(title, 1)
        self._nav = QHBoxLayout()
        bar.addLayout(self._nav)
        bar.addWidget(self.badge)
        root = QWidget()
        root.setObjectName("root")
        layout = QVBoxLayout(root)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        return root

    @property
    def sounds(self) -> Sounds:
        return self._sounds

    @property
    def current(self) -> QWidget | None:
        return self.stack.currentWidget()

    def add_screen(self, screen: QWidget) -> None:
        """Put a further screen (enrol, events, settings, ...) into the window's stack."""
        self.stack.addWidget(screen)

    def add_nav_button(self, text: NavText, name: str, handler: Callable[[], None]) -> QPushButton:
        """A button in the top bar, beside the sync badge, that opens one of the screens.

        ``text`` as a function (e.g. ``lambda: QCoreApplication.translate("Context", "Events")``)
        is called again when the language changes; a string (an icon) stays as it is.
        """
        button = QPushButton(text if isinstance(text, str) else text())
        if not isinstance(text, str):
            self._nav_texts.append((button, text))
        button.setObjectName(name)
        button.setProperty("nav", "yes")
        button.clicked.connect(handler)
        self._nav.addWidget(button)
        return button

    def open_screen(self, screen: QWidget, return_after_ms: int | None = None) -> None:
        """Show ``screen``; back to Ready after ``return_after_ms`` of no other screen (None:
        the card screen's idle time)."""
        self._show(screen, self._card_idle_ms if return_after_ms is None else return_after_ms)

    def show_ready(self) -> None:
        self._back.stop()
        self.stack.setCurrentWidget(self.ready)

    def show_success(self, headline: str, detail: str = "") -> None:
        """The success screen with its sound, then back to Ready (for further screens)."""
        self.show_success_rendered(lambda: (headline, detail))

    def show_success_rendered(self, render: OutcomeText) -> None:
        """The success screen with the headline and detail ``render`` makes in the current
        language (again when the language changes), its sound, then back to Ready."""
        self._outcome(self.success, render)
        self._sounds.success()

    def _show(self, screen: QWidget, return_after_ms: int) -> None:
        self.stack.setCurrentWidget(screen)
        self._back.start(return_after_ms)

    def _on_scan(self, scan: Scan) -> None:
        if self.current in (self.card, self.redeem_confirm) and self._controller.busy:
            return
        self._controller.scan(scan)

    def _on_identified(self, found: Identified) -> None:
        self.card.show_card(found)
        self._show(self.card, self._card_idle_ms)

    def _ask_redeem(self, reward: RewardRow) -> None:
        self._redeeming = reward.name or ""
        self.redeem_confirm.ask(self.card.card_id, reward)
        self._show(self.redeem_confirm, self._card_idle_ms)

    def _on_earned(self, reward: EarnedReward) -> None:
        self._earned = reward

    def _on_recorded(self, recorded: Recorded) -> None:
        earned, self._earned = self._earned, None
        if recorded.events and recorded.events[0].event_type is EventType.REDEEM:
            name = self._redeeming
            self._outcome(self.success, lambda: self._redeemed_text(name))
        elif earned is not None:
            self._outcome(self.celebration, lambda: celebration_text(earned))
        else:
            self._outcome(self.success, lambda: self._stamped_text(recorded))
        self._sounds.success()

    def _redeemed_text(self, name: str) -> tuple[str, str]:
        reward = name or self.tr("The reward")
        return self.tr("Reward redeemed"), self.tr("{reward} — enjoy!").format(reward=reward)

    def _stamped_text(self, recorded: Recorded) -> tuple[str, str]:
        count = len(recorded.events)
        if count == 1:
            headline = self.tr("1 stamp added")
        else:
            headline = self.tr("{count} stamps added").format(count=count)
        card = recorded.card
        detail = ""
        if card is not None and card.total_stamps:
            detail = self.tr("The card now has {stamps} of {total} stamps.").format(
                stamps=card.stamps, total=card.total_stamps
            )
        if recorded.verdict.action == "review":
            detail = recorded.verdict.message or self.tr("Held for a manager to review.")
        return headline, detail

    def _on_refused(self, reason: Refusal | Verdict) -> None:
        self._outcome(
            self.refused, lambda: (reason.message or self.tr("This scan was not counted."), "")
        )
        self._sounds.error()

    def _on_failed(self) -> None:
        self._outcome(self.refused, self._failed_text)
        self._sounds.error()

    def _failed_text(self) -> tuple[str, str]:
        return self.tr("Something went wrong"), self.tr(
            "Something went wrong and nothing was counted — scan the card again; if it keeps "
            "happening, restart the terminal."
        )

    def _outcome(self, screen: OutcomeScreen, render: OutcomeText) -> None:
        screen.show_rendered(render)
        self.card.set_busy(False)
        self.redeem_confirm.set_busy(False)
        self._show(screen, self._outcome_ms)

    def request_exit(self) -> None:
        """Leave the kiosk: in full screen only after the manager PIN."""
        if not self.isFullScreen() or self.pin_gate is None:
            self._exit_granted()
            return
        self.pin_gate.ask(exit_reason, self._exit_granted)

    def _exit_granted(self) -> None:
        self._may_close = True
        self.close()

    def shutdown(self) -> None:
        """Close without asking for the PIN: the program's own shutdown."""
        self._may_close = True
        if self.pin_gate is not None:
            self.pin_gate.close()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.isFullScreen() and not self._may_close and self.pin_gate is not None:
            event.ignore()
            self.pin_gate.ask(exit_reason, self._exit_granted)
            return
        self._back.stop()
        super().closeEvent(event)
