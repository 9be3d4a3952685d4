"""The Events screen: queue depth, sync state, the newest events, Sync now, held-event decisions.

Reads and writes run as jobs of the store writer (the thread that owns SQLite) and answer by
signals, so the GUI thread never waits for the database. The list refreshes when the screen
opens, when the sync status changes and after each decision. Release and Decline are manager
actions: they go through an injected ``authorize(reason, on_granted)`` (a PIN gate).
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.events import EventState, OutboxEvent
from app.store.outbox import NotHeldForReview, Outbox
from app.store.writer import StoreWriter
from app.sync.worker import SyncState, SyncStatus, SyncWorker
from app.ui.event_rows import DeclinePanel, EventRow
from app.ui.events_overview import (
    EventsOverview,
    count_text,
    event_title,
    last_sync_text,
    load_overview,
    newest,
    sync_text,
)
from app.ui.i18n import Words, as_is
from app.ui.widgets import label, restyle

if TYPE_CHECKING:
    from app.ui.app import Kiosk

log = logging.getLogger(__name__)

Authorize = Callable[[str, Callable[[], None]], None]
EVENTS_IDLE_MS = 120000


class Decision(enum.StrEnum):
    """What became of a held event a manager decided on."""

    RELEASED = "released"
    RELEASED_WITHOUT_SERVER = "released_without_server"
    DECLINED = "declined"


def grant_at_once(_reason: str, on_granted: Callable[[], None]) -> None:
    """The default ``authorize``: no PIN asked."""
    on_granted()


class EventsController(QObject):
    """The screen's database work as store-writer jobs; every answer comes back as a signal.

    ``decided`` carries a :class:`Decision`; ``failed`` the store's reason (str, shown as it is)
    or None when the work failed unexpectedly.
    """

    loaded = Signal(object)
    decided = Signal(object)
    failed = Signal(object)

    def __init__(
        self, writer: StoreWriter, sync: SyncWorker, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._writer = writer
        self._sync = sync

    def refresh(self, shown: EventState | None) -> None:
        """Read the counts and the newest events (of ``shown``, or all); ``loaded`` follows."""
        self._submit(lambda o: load_overview(o, shown), self.loaded.emit)

    def release(self, event_id: str, shown: EventState | None) -> None:
        """Let a held event go to the server, then sync; ``decided`` and ``loaded`` follow."""

        def job(o: Outbox) -> EventsOverview:
            o.release_review(event_id, "")
            return load_overview(o, shown)

        self._submit(job, lambda overview: self._done(overview, released=True))

    def decline(self, event_id: str, reason: str, shown: EventState | None) -> None:
        """Keep a held event out of sync for good, with the reason; ``decided`` follows."""

        def job(o: Outbox) -> EventsOverview:
            o.decline_review(event_id, reason)
            return load_overview(o, shown)

        self._submit(job, lambda overview: self._done(overview, released=False))

    def sync_now(self) -> None:
        """Wake the sync worker: a pass starts now, even while it waits after failures."""
        self._sync.trigger()

    def _done(self, overview: EventsOverview, *, released: bool) -> None:
        if released and self._sync.status.state is SyncState.NOT_CONFIGURED:
            self.decided.emit(Decision.RELEASED_WITHOUT_SERVER)
        elif released:
            self._sync.trigger()
            self.decided.emit(Decision.RELEASED)
        else:
            self.decided.emit(Decision.DECLINED)
        self.loaded.emit(overview)

    def _submit(self, job: Callable[[Outbox], Any], answer: Callable[[Any], None]) -> None:
        try:
            future = self._writer.submit(job)
        except RuntimeError:
            return  # the kiosk is shutting down: no answer is wanted
        future.add_done_callback(lambda done: self._answer(done, answer))

    def _answer(self, future: Future[Any], answer: Callable[[Any], None]) -> None:
        error = future.exception()
        if error is None:
            answer(future.result())
        elif isinstance(error, NotHeldForReview | ValueError):
            self.failed.emit(str(error))
        else:
            log.error("events screen work failed", exc_info=error)
            self.failed.emit(None)


class EventsScreen(QWidget):
    """Queue depth per state, sync state, the newest events, and what a manager can do."""

    back = Signal()
    activity = Signal()
    granted = Signal()

    def __init__(
        self,
        controller: EventsController,
        status: SyncStatus,
        authorize: Authorize = grant_at_once,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("events")
        self.authorize = authorize
        self._controller = controller
        self._status = status
        self._shown: EventState | None = None
        self._last_success = status.last_success
        self._counts: Mapping[EventState, int] | None = None
        self._message: Words = as_is("")
        self._sync_asked = False
        self.rows: list[EventRow] = []
        self.title = label("", "eventsTitle")
        self.sync_line = label("", "syncLine")
        self.last_sync = label("", "lastSync")
        self.message = label("", "eventsMessage")
        self.message.hide()
        self.empty = label("", "eventsEmpty")
        self.all_button = self._filter_button(None)
        self.count_buttons = {state: self._filter_button(state) for state in EventState}
        self._list = QVBoxLayout()
        self._list.setContentsMargins(0, 0, 0, 0)
        self.decline_panel = DeclinePanel()
        self.decline_panel.hide()
        self.decline_panel.confirmed.connect(self._ask_decline)
        self.decline_panel.cancelled.connect(self._cancel_decline)
        self.sync_button = QPushButton()
        self.sync_button.setObjectName("syncNowButton")
        self.sync_button.clicked.connect(self._sync_now)
        self.back_button = QPushButton()
        self.back_button.setObjectName("cancelButton")
        self.back_button.clicked.connect(self._back)
        controller.loaded.connect(self.show_overview)
        controller.decided.connect(self._decided)
        controller.failed.connect(self._failed)
        self.setLayout(self._layout())
        self.retranslate()
        self.show_status(status)

    def _layout(self) -> QVBoxLayout:
        filters = QHBoxLayout()
        filters.addWidget(self.all_button)
        for button in self.count_buttons.values():
            filters.addWidget(button)
        holder = QWidget()
        holder.setObjectName("eventList")
        column = QVBoxLayout(holder)
        column.addWidget(self.empty)
        column.addLayout(self._list)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("eventScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        actions = QHBoxLayout()
        actions.addWidget(self.back_button)
        actions.addWidget(self.sync_button, 2)
        layout = QVBoxLayout()
        layout.addWidget(self.title)
        layout.addWidget(self.sync_line)
        layout.addWidget(self.last_sync)
        layout.addLayout(filters)
        layout.addWidget(self.message)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.decline_panel)
        layout.addLayout(actions)
        return layout

    def _filter_button(self, state: EventState | None) -> QPushButton:
        button = QPushButton()
        button.setObjectName("stateFilter")
        button.setCheckable(True)
        button.setChecked(state is None)
        button.clicked.connect(lambda _=False: self.show_state(state))
        return button

    def retranslate(self) -> None:
        """Every text of the screen in the language shown, from what it shows now."""
        self.title.setText(self.tr("Sync and events"))
        self.all_button.setText(self.tr("All"))
        self.sync_button.setText(self.tr("Sync now"))
        self.back_button.setText(self.tr("Back"))
        self._show_sync_line()
        if self._counts is not None:
            self._show_counts(self._counts)
            self.empty.setText("" if self.rows else self.tr("No events here yet."))
        self.message.setText(self._message())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def shown(self) -> EventState | None:
        return self._shown

    def refresh(self) -> None:
        """Read the events again (off the GUI thread); the list follows by ``loaded``."""
        self._controller.refresh(self._shown)

    def show_state(self, state: EventState | None) -> None:
        """List only the events in ``state`` (None: all of them), newest first."""
        self._shown = state
        self.all_button.setChecked(state is None)
        for each, button in self.count_buttons.items():
            button.setChecked(each is state)
        self.activity.emit()
        self.refresh()

    def show_status(self, status: SyncStatus) -> None:
        """A new sync status: the sync line now, the counts and the list once read again."""
        self._status = status
        self._last_success = newest(self._last_success, status.last_success)
        self._show_sync_line()
        if self._sync_asked:
            self._sync_answer(status.state)
        if self.isVisible():
            self.refresh()

    def _show_sync_line(self) -> None:
        text, tone = sync_text(self._status)
        self.sync_line.setText(text)
        restyle(self.sync_line, "tone", tone)
        self.last_sync.setText(last_sync_text(self._last_success))

    def _show_counts(self, counts: Mapping[EventState, int]) -> None:
        for state, button in self.count_buttons.items():
            button.setText(count_text(state, counts.get(state, 0)))

    def show_overview(self, overview: EventsOverview) -> None:
        self._counts = overview.counts
        self._show_counts(overview.counts)
        self._last_success = newest(self._last_success, overview.last_success)
        self.last_sync.setText(last_sync_text(self._last_success))
        if overview.shown is not self._shown:
            return
        if overview.events == tuple(row.outbox_event for row in self.rows):
            return
        while self._list.count():
            item = self._list.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.rows = [EventRow(event) for event in overview.events]
        for row in self.rows:
            self._list.addWidget(row)
            if row.release_button is not None and row.decline_button is not None:
                row.release_button.clicked.connect(
                    lambda _=False, e=row.outbox_event: self._release(e)
                )
                row.decline_button.clicked.connect(
                    lambda _=False, e=row.outbox_event: self._start_decline(e)
                )
        self.empty.setText("" if self.rows else self.tr("No events here yet."))
        self.empty.setVisible(not self.rows)
        pending = self.decline_panel.event_id
        if pending and all(r.event_id != pending or r.release_button is None for r in self.rows):
            self._show_decline(None)

    def row(self, event_id: str) -> EventRow | None:
        """The row showing ``event_id``, if it is listed."""
        return next((r for r in self.rows if r.event_id == event_id), None)

    def _sync_now(self) -> None:
        self.activity.emit()
        state = self._status.state
        if state is SyncState.NOT_CONFIGURED:
            self._say(
                lambda: self.tr("No server is set up, so there is nowhere to send the events."),
                "warn",
            )
            return
        if state is SyncState.CREDENTIALS:
            self._say(
                lambda: self.tr(
                    "The server refuses this terminal's credentials — a manager must correct "
                    "the API key or terminal token before anything can be sent."
                ),
                "bad",
            )
            return
        self._say(lambda: self.tr("Sending now…"), "ok")
        self._sync_asked = True
        self._controller.sync_now()

    def _sync_answer(self, state: SyncState) -> None:
        """After Sync now: done when a pass got through; until then, say why it did not."""
        if state is SyncState.ONLINE:
            self._sync_asked = False
            self._say(lambda: self.tr("Sync finished."), "ok")
        elif state is SyncState.CREDENTIALS:
            self._sync_asked = False
            self._say(
                lambda: self.tr("The sync did not get through: the credentials are refused."),
                "bad",
            )
        else:
            self._say(
                lambda: self.tr("Not sent yet: the server cannot be reached. The events are kept."),
                "warn",
            )

    def _release(self, event: OutboxEvent) -> None:
        self.activity.emit()
        reason = self.tr("Release {event} so it is sent to the server").format(
            event=event_title(event)
        )
        self.authorize(reason, lambda: self._granted(event.event_id, None))

    def _start_decline(self, event: OutboxEvent) -> None:
        self.activity.emit()
        self._show_decline(event)

    def _ask_decline(self, event_id: str, reason: str) -> None:
        self.activity.emit()
        row = self.row(event_id)
        if row is not None:
            what = self.tr("Decline {event}").format(event=event_title(row.outbox_event))
        else:
            what = self.tr("Decline the held event")
        self.authorize(what, lambda: self._granted(event_id, reason))

    def _granted(self, event_id: str, decline_reason: str | None) -> None:
        self.granted.emit()
        if decline_reason is None:
            self._controller.release(event_id, self._shown)
        else:
            self._show_decline(None)
            self._controller.decline(event_id, decline_reason, self._shown)

    def _show_decline(self, event: OutboxEvent | None) -> None:
        """The decline question in place of Back and Sync now, or those back again."""
        if event is None:
            self.decline_panel.hide()
        else:
            self.decline_panel.ask(event)
        self.back_button.setVisible(event is None)
        self.sync_button.setVisible(event is None)

    def _cancel_decline(self) -> None:
        self.activity.emit()
        self._show_decline(None)

    def _decided(self, decision: Decision) -> None:
        if decision is Decision.RELEASED_WITHOUT_SERVER:
            self._say(lambda: self.tr("Released — it is sent once a server is set up."), "ok")
        elif decision is Decision.RELEASED:
            self._say(lambda: self.tr("Released — it is sent to the server with this sync."), "ok")
        else:
            self._say(
                lambda: self.tr("Declined — it will not be sent; the reason is kept with it."),
                "ok",
            )

    def _failed(self, reason: str | None) -> None:
        if reason is not None:
            self._say(as_is(reason), "bad")
        else:
            self._say(
                lambda: self.tr(
                    "The events could not be read or changed — try again; if it keeps "
                    "happening, restart the terminal."
                ),
                "bad",
            )
        if self.isVisible():
            self.refresh()

    def _say(self, words: Words, tone: str) -> None:
        """Show a message (rendered again when the language changes)."""
        self._message = words
        text = words()
        self.message.setText(text)
        self.message.setVisible(bool(text))
        restyle(self.message, "tone", tone)

    def _back(self) -> None:
        self._sync_asked = False
        self._say(as_is(""), "ok")
        self._show_decline(None)
        self.back.emit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()


def install_events_screen(kiosk: Kiosk, authorize: Authorize = grant_at_once) -> EventsScreen:
    """Add the Events screen and its top-bar button to the kiosk's window."""
    window = kiosk.window
    controller = EventsController(kiosk.writer, kiosk.sync, window)
    screen = EventsScreen(controller, kiosk.sync.status, authorize)
    window.add_screen(screen)
    kiosk.bridge.sync_status.connect(screen.show_status)

    def open_screen() -> None:
        window.open_screen(screen, EVENTS_IDLE_MS)

    def keep_open() -> None:
        if window.current is screen:
            open_screen()

    screen.activity.connect(keep_open)
    screen.back.connect(window.show_ready)
    screen.granted.connect(open_screen)
    window.add_nav_button(
        lambda: QCoreApplication.translate("EventsScreen", "Events"), "eventsButton", open_screen
    )
    return screen
