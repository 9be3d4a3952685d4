"""Enrolling a customer off the GUI thread: pick the stamp card, register, issue, store locally.

:class:`Enroller` runs each enrolment on a worker thread of its own and answers on the GUI
thread with ``enrolled(ticket, Enrolled)`` or ``failed(ticket, EnrolFailure)``. The member
number is chosen before the first attempt and kept for the retries of the same entries: if a
registration went through but its answer was lost, the retry finds the member registered and
issues the card to them. When the member is registered but the card is not issued, the failure
names the member number and :meth:`Enroller.issue` finishes the enrolment.
"""

from __future__ import annotations

import enum
import itertools
import json
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal

from app.domain.models_extensions import MasterStamp, MasterStampCard
from app.errors import StampTerminalError
from app.store.outbox import Outbox
from app.store.writer import StoreWriter
from app.sync.client import StampApiClient
from app.sync.enrolment import Enrolment, enrol, issue_member_card
from app.sync.errors import (
    ApiError,
    CredentialsError,
    ForbiddenError,
    RejectedError,
    ServerUnreachable,
)
from app.sync.keys import MASTER_STAMP_CARDS, MASTER_STAMPS
from app.sync.results import cache_card
from app.sync.worker import SyncState

log = logging.getLogger(__name__)

MEMBER_EXISTS = 36006
ACTIVE = "ACTIVE"


class Problem(enum.StrEnum):
    """Why an enrolment was not sent or did not finish."""

    NO_SERVER = "no_server"
    NOT_SET_UP = "not_set_up"
    CREDENTIALS_REFUSED = "credentials_refused"
    OFFLINE = "offline"
    UNREACHABLE = "unreachable"
    STAMP_CARD_UNKNOWN = "stamp_card_unknown"
    REFUSED_SETTINGS = "refused_settings"
    REFUSED_ENTRIES = "refused_entries"
    REFUSED_TRY_LATER = "refused_try_later"
    NO_CARD_ISSUED = "no_card_issued"
    UNEXPECTED = "unexpected"


class StampCardUnknown(StampTerminalError):
    """The terminal cannot tell which stamp card a new customer gets; ``count``: how many the
    shop has that the terminal could issue (0: none)."""

    def __init__(self, count: int) -> None:
        if count:
            text = (
                f"The shop has {count} stamp cards and the terminal's stamp_value names none "
                "of them."
            )
        else:
            text = "The server offers no stamp card this terminal can issue."
        super().__init__(text)
        self.count = count


@dataclass(frozen=True, slots=True)
class Applicant:
    """What the cashier entered; every field may be empty."""

    name: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class Enrolled:
    """A customer enrolled: their member number, card and the stamp card it is of."""

    enrolment: Enrolment
    applicant: Applicant
    stamp_card_name: str

    @property
    def card_code(self) -> str:
        """What the customer's QR code holds: the signed card URL, else the card id."""
        return self.enrolment.card_url or self.enrolment.card_instance_id


@dataclass(frozen=True, slots=True)
class EnrolFailure:
    """Why an enrolment did not finish; ``member_number`` when the member has no card yet.

    ``error`` holds the server's words, shown as they are; ``stamp_cards`` the count of a
    :class:`StampCardUnknown`. :attr:`message` renders the sentence in the language shown.
    """

    problem: Problem
    member_number: str | None = None
    error: str = ""
    stamp_cards: int | None = None

    @property
    def message(self) -> str:
        return failure_text(self)


def choose_stamp_card(
    cards: Sequence[MasterStampCard], stamps: Sequence[MasterStamp], stamp_value: str
) -> MasterStampCard:
    """The stamp card whose stamp value is ``stamp_value``, else the shop's only stamp card."""
    issuable = [card for card in cards if card.card_idx is not None]
    if stamp_value:
        ids = {stamp.stamp_card_id for stamp in stamps if stamp.stamp_value == stamp_value}
        matching = [card for card in issuable if card.stamp_card_id in ids]
        if len(matching) == 1:
            return matching[0]
    if len(issuable) == 1:
        return issuable[0]
    raise StampCardUnknown(len(issuable))


def cached_master_data(outbox: Outbox) -> tuple[list[MasterStampCard], list[MasterStamp]]:
    """The stamp cards and stamps the sync worker cached; empty when none or unreadable."""
    try:
        cards = json.loads(outbox.master_data_get(MASTER_STAMP_CARDS) or "[]")
        stamps = json.loads(outbox.master_data_get(MASTER_STAMPS) or "[]")
        return (
            [MasterStampCard.model_validate(card) for card in cards],
            [MasterStamp.model_validate(stamp) for stamp in stamps],
        )
    except (ValueError, TypeError, ValidationError):
        return [], []


def failure_of(exc: Exception, *, member_number: str, registered: bool) -> EnrolFailure:
    """Why ``exc`` stopped the enrolment; ``registered``: the member is known to exist."""
    text = str(exc).rstrip(".")
    if not registered and str(exc).startswith(f"Member {member_number} is registered"):
        registered = True
        exc = exc.__cause__ if isinstance(exc.__cause__, Exception) else exc
        text = str(exc).rstrip(".")
    count = exc.count if isinstance(exc, StampCardUnknown) else None
    if registered:
        return EnrolFailure(Problem.NO_CARD_ISSUED, member_number, text, count)
    if isinstance(exc, ServerUnreachable):
        return EnrolFailure(Problem.UNREACHABLE)
    if count is not None:
        return EnrolFailure(Problem.STAMP_CARD_UNKNOWN, stamp_cards=count)
    if not isinstance(exc, ApiError):
        return EnrolFailure(Problem.UNEXPECTED)
    if isinstance(exc, CredentialsError | ForbiddenError):
        problem = Problem.REFUSED_SETTINGS
    elif isinstance(exc, RejectedError):
        problem = Problem.REFUSED_ENTRIES
    else:  # busy, or an answer that is not the API's
        problem = Problem.REFUSED_TRY_LATER
    return EnrolFailure(problem, error=text)


def failure_text(failure: EnrolFailure) -> str:
    """What the cashier reads about ``failure``, in the language shown."""
    problem = failure.problem
    if problem is Problem.NO_CARD_ISSUED:
        reason = failure.error
        if failure.stamp_cards is not None:
            reason = stamp_card_text(failure.stamp_cards).rstrip(".")
        return QCoreApplication.translate(
            "Enrolment",
            "Member {number} is registered, but their card was not issued ({error}). Press Try "
            "again to issue the card.",
        ).format(number=failure.member_number, error=reason)
    if problem is Problem.STAMP_CARD_UNKNOWN:
        return stamp_card_text(failure.stamp_cards or 0)
    refused = refused_text(problem)
    if refused is not None:
        return refused.format(error=failure.error)
    return plain_text(problem)


def stamp_card_text(count: int) -> str:
    """Why the terminal cannot tell which stamp card to issue (``count``: how many it could)."""
    if count:
        return QCoreApplication.translate(
            "Enrolment",
            "The shop has {count} stamp cards and the terminal's stamp_value names none of them; "
            "ask the manager to set stamp_value to the stamp card's stamp value.",
        ).format(count=count)
    return QCoreApplication.translate(
        "Enrolment",
        "The server offers no stamp card this terminal can issue; ask the manager to set one "
        "up for the shop.",
    )


def refused_text(problem: Problem) -> str | None:
    """The sentence for a refusal by the server, with ``{error}`` for the server's words."""
    texts = {
        Problem.REFUSED_SETTINGS: QCoreApplication.translate(
            "Enrolment",
            "The customer was not enrolled. {error}. Nothing was created; ask the manager to "
            "check the terminal's settings.",
        ),
        Problem.REFUSED_ENTRIES: QCoreApplication.translate(
            "Enrolment",
            "The customer was not enrolled. {error}. Check the entries and press Enrol again; if "
            "it happens again, ask the manager.",
        ),
        Problem.REFUSED_TRY_LATER: QCoreApplication.translate(
            "Enrolment",
            "The customer was not enrolled. {error}. Wait a moment and press Enrol again.",
        ),
    }
    return texts.get(problem)


def plain_text(problem: Problem) -> str:
    """The sentence for a problem that needs no detail."""
    texts = {
        Problem.OFFLINE: QCoreApplication.translate(
            "Enrolment",
            "New customers can only be enrolled while the terminal is connected to the server, "
            "because the card number comes from the server. Nothing was sent. Enrol the "
            "customer when the badge at the top shows Online.",
        ),
        Problem.NO_SERVER: QCoreApplication.translate(
            "Enrolment",
            "New customers can only be enrolled while the terminal is connected to the server, "
            "because the card number comes from the server — and this terminal has no server "
            "set up. Ask the manager to set the server address.",
        ),
        Problem.CREDENTIALS_REFUSED: QCoreApplication.translate(
            "Enrolment",
            "The server does not accept this terminal's credentials, so no customer can be "
            "enrolled. Nothing was sent; ask the manager to correct them in Settings.",
        ),
        Problem.NOT_SET_UP: QCoreApplication.translate(
            "Enrolment",
            "Enrolment is not set up on this terminal: the configuration keys 'app_id' and "
            "'app_secret' must both be set. Nothing was sent; ask the manager to set them.",
        ),
        Problem.UNREACHABLE: QCoreApplication.translate(
            "Enrolment",
            "The server could not be reached, so the customer was not enrolled. New customers "
            "can only be enrolled while the terminal is connected to the server, because the "
            "card number comes from the server. Press Enrol again when the badge at the top "
            "shows Online.",
        ),
    }
    unexpected = QCoreApplication.translate(
        "Enrolment",
        "Enrolling failed unexpectedly. Press Enrol again; if it keeps happening, restart the "
        "terminal.",
    )
    return texts.get(problem, unexpected)


class Enroller(QObject):
    """Runs enrolments on one worker thread; the thread starts with the first one."""

    enrolled = Signal(int, object)
    failed = Signal(int, object)

    def __init__(
        self,
        client: StampApiClient | None,
        writer: StoreWriter,
        *,
        sync_state: Callable[[], SyncState],
        stamp_value: str = "",
        set_up: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._writer = writer
        self._sync_state = sync_state
        self._stamp_value = stamp_value
        self._set_up = set_up
        self._pool: ThreadPoolExecutor | None = None
        self._tickets = itertools.count(1)

    @property
    def running(self) -> bool:
        """Whether the worker thread is there (from the first enrolment until :meth:`stop`)."""
        return self._pool is not None

    def refusal(self) -> EnrolFailure | None:
        """Why nothing can be sent now (no server, not set up, offline); None when it can."""
        if self._client is None:
            return EnrolFailure(Problem.NO_SERVER)
        if not self._set_up:
            return EnrolFailure(Problem.NOT_SET_UP)
        state = self._sync_state()
        if state is SyncState.CREDENTIALS:
            return EnrolFailure(Problem.CREDENTIALS_REFUSED)
        if state is not SyncState.ONLINE:
            return EnrolFailure(Problem.OFFLINE)
        return None

    def enrol(self, applicant: Applicant, member_number: str) -> int:
        """Register ``member_number`` with the entries and issue their card; the ticket."""
        return self._submit(lambda client: self._enrol(client, applicant, member_number))

    def issue(self, applicant: Applicant, member_number: str) -> int:
        """Issue the card of a member registered before; the ticket."""
        return self._submit(lambda client: self._issue(client, applicant, member_number))

    def stop(self) -> None:
        """Let a running enrolment finish and end the thread (quit-then-wait)."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Installed on the kiosk window: the thread ends when the window is closed (hidden)."""
        if event.type() == QEvent.Type.Hide and not event.spontaneous():
            self.stop()
        return False

    def _submit(self, job: Callable[[StampApiClient], Enrolled]) -> int:
        client = self._client
        if client is None:
            raise RuntimeError("no server: check refusal() first")
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="enrol")
        ticket = next(self._tickets)
        future = self._pool.submit(job, client)
        future.add_done_callback(lambda done: self._finished(ticket, done))
        return ticket

    def _finished(self, ticket: int, future: Future[Enrolled]) -> None:
        if future.cancelled():
            return
        exc = future.exception()
        if exc is None:
            self.enrolled.emit(ticket, future.result())
            return
        if self._writer.closed:
            return  # the kiosk is shutting down
        failure = getattr(exc, "enrol_failure", None)
        if not isinstance(failure, EnrolFailure):
            log.error("enrolment failed", exc_info=exc)
            failure = EnrolFailure(Problem.UNEXPECTED)
        self.failed.emit(ticket, failure)

    def _enrol(self, client: StampApiClient, applicant: Applicant, number: str) -> Enrolled:
        try:
            cards, stamps = self._writer.call(cached_master_data)
            if not any(card.card_idx is not None for card in cards):
                fresh = client.master_data()
                cards, stamps = fresh.stamp_cards, fresh.stamps
            card = choose_stamp_card(cards, stamps, self._stamp_value)
            assert card.card_idx is not None
            try:
                enrolment = enrol(
                    client,
                    card_idx=card.card_idx,
                    member_number=number,
                    name=applicant.name or None,
                    phone=applicant.phone or None,
                    email=applicant.email or None,
                )
            except RejectedError as exc:
                if exc.code != MEMBER_EXISTS:
                    raise
                # An earlier attempt with this number registered the member: issue their card.
                enrolment = _issue_card(client, card.card_idx, number, applicant)
        except (ApiError, StampCardUnknown) as exc:
            raise _Failed(failure_of(exc, member_number=number, registered=False)) from exc
        return self._store(client, enrolment, card, applicant)

    def _issue(self, client: StampApiClient, applicant: Applicant, number: str) -> Enrolled:
        try:
            fresh = client.master_data()  # the cached stamp card may be why the first try failed
            card = choose_stamp_card(fresh.stamp_cards, fresh.stamps, self._stamp_value)
            assert card.card_idx is not None
            enrolment = _issue_card(client, card.card_idx, number, applicant)
        except (ApiError, StampCardUnknown) as exc:
            raise _Failed(failure_of(exc, member_number=number, registered=True)) from exc
        return self._store(client, enrolment, card, applicant)

    def _store(
        self,
        client: StampApiClient,
        enrolment: Enrolment,
        stamp_card: MasterStampCard,
        applicant: Applicant,
    ) -> Enrolled:
        """Put the new card into the local projection, so it works at once, offline too."""
        card_id = enrolment.card_instance_id
        phone = applicant.phone or None
        try:
            found = client.lookup_card(card_instance_id=card_id).card_instance
        except ApiError as exc:
            log.info("the new card is stored from what the terminal knows: %s", exc)
            found = None
        thresholds = (reward.threshold or 0 for reward in stamp_card.rewards)
        total = stamp_card.stamp_count or max(thresholds, default=0) or None

        def store(outbox: Outbox) -> None:
            if found is not None:
                cache_card(outbox, found, phone)
            else:
                outbox.upsert_card_from_server(
                    card_id, stamp_card.stamp_card_id, 0, total, ACTIVE, None, phone
                )

        try:
            self._writer.call(store)
        except Exception:
            # The card exists on the server (a scan finds it online): show it all the same, so
            # that the cashier does not enrol the customer a second time.
            log.exception("the new card %s could not be stored on this terminal", card_id)
        return Enrolled(enrolment, applicant, stamp_card.name or "")


class _Failed(Exception):
    """Carries why the enrolment failed out of the worker thread."""

    def __init__(self, failure: EnrolFailure) -> None:
        super().__init__(failure.problem.value)
        self.enrol_failure = failure


def _issue_card(
    client: StampApiClient, card_idx: int, number: str, applicant: Applicant
) -> Enrolment:
    return issue_member_card(
        client,
        card_idx=card_idx,
        member_number=number,
        name=applicant.name or None,
        phone=applicant.phone or None,
        email=applicant.email or None,
    )
