"""The review queue: the events of the merchant's terminals a manager should look at, and the
decisions taken on them.

Waiting for review (newest first, ``QUEUE_LIMIT`` shown, all counted) are the events reported
by a terminal of the viewer's merchant (``credentials.merchant_id``, kind ``terminal``) that

- the server refused (``result_code != 0``: anti-fraud 33003, an expired card 32001, ...), or
- the terminal's scan policy held for a manager before sending them (``events.flag`` is
  ``policy``; ``events.note`` holds the terminal's reason),

and that nobody has decided on yet (no ``event_reviews`` row). REWARD rows, which the server
writes itself, never wait.

Decisions (each records an ``EventReview``: who, what, an optional note, when):

- ``POST /dashboard/review/{event_pk}/dismiss``: nothing is changed on the card.
- ``POST /dashboard/review/{event_pk}/grant`` (a refused STAMP of a card of the merchant): the
  stamps the event asked for are added as a correction (``server.web.corrections``) with the
  reason "granted from review: <original reason>". The decision is recorded first, so that two
  managers granting the same event at once give the stamps once; if the rules refuse the
  correction (e.g. still over the card's anti-fraud limits), the decision is taken back and the
  event stays in the queue, and the page says why.

An event of another merchant is answered like an unknown one (404), nothing recorded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from sqlalchemy import ColumnElement, Select, and_, delete, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from starlette.datastructures import FormData
from starlette.responses import Response

from app.domain.events import EventType
from server.auth import TERMINAL
from server.db import tables as t
from server.db.tables import ACTIVE
from server.services import Services, ServicesDep
from server.web.corrections import (
    MAX_REASON_LENGTH,
    Action,
    Correction,
    CorrectionOutcome,
    NoSingleStamp,
    apply_correction,
)
from server.web.customer_queries import event_label, refusal_reason
from server.web.pages import CheckedForm, FormError, PageNotFound, ViewerDep, field, redirect
from server.web.sessions import Viewer
from server.web.templating import render

router = APIRouter(prefix="/dashboard", include_in_schema=False)
SECTION = "review"
REVIEW_PATH = "/dashboard/review"
POLICY = "policy"
DISMISS = "dismiss"
GRANT = "grant"
DECISION_LABELS = {DISMISS: "Dismissed", GRANT: "Stamp granted"}
QUEUE_LIMIT = 100
REVIEWED_LIMIT = 50
MAX_NOTE_LENGTH = 500


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """An event as the review page shows it."""

    pk: int
    event_time: datetime
    received_at: datetime
    terminal: str
    event_type: str
    label: str
    result_code: int
    reason: str | None
    flagged: bool
    note: str | None
    card_id: str | None
    user_id: str | None
    customer_name: str | None

    @property
    def applied(self) -> bool:
        return self.result_code == 0

    @property
    def can_grant(self) -> bool:
        """A refused STAMP of a known card of the merchant can be given as a correction."""
        return (
            self.event_type == EventType.STAMP.value
            and self.result_code != 0
            and self.card_id is not None
        )


@dataclass(frozen=True, slots=True)
class Decision:
    """A decision of the reviewed list."""

    item: ReviewItem
    decision: str
    note: str | None
    at: datetime
    by: str

    @property
    def label(self) -> str:
        return DECISION_LABELS.get(self.decision, self.decision)


def _reviewed() -> ColumnElement[bool]:
    """Whether someone has decided on the event already."""
    return select(t.EventReview.event_pk).where(t.EventReview.event_pk == t.Event.id).exists()


def _for_review(merchant_id: str) -> list[ColumnElement[bool]]:
    """An event for review: of a terminal of the merchant, refused or held by its policy (the
    query joins ``credentials`` on the event's credential)."""
    return [
        t.Credential.merchant_id == merchant_id,
        t.Credential.kind == TERMINAL,
        t.Event.event_type != EventType.REWARD.value,
        or_(t.Event.result_code != 0, t.Event.flag == POLICY),
    ]


def _items(merchant_id: str) -> Select[t.Event, str, str | None, str | None]:
    """The merchant's terminals' events that need a look, reviewed or not."""
    return (
        select(t.Event, t.Credential.name, t.CardInstance.user_id, t.User.name)
        .join(t.Credential, t.Credential.id == t.Event.credential_id)
        .outerjoin(
            t.CardInstance,
            and_(
                t.CardInstance.id == t.Event.card_instance_id,
                t.CardInstance.merchant_id == merchant_id,
            ),
        )
        .outerjoin(t.User, t.User.id == t.CardInstance.user_id)
        .where(*_for_review(merchant_id))
    )


def _item(row: Any) -> ReviewItem:
    event, terminal, user_id, customer_name = row
    return ReviewItem(
        pk=event.id,
        event_time=event.event_time,
        received_at=event.received_at,
        terminal=terminal,
        event_type=event.event_type,
        label=event_label(event.event_type),
        result_code=event.result_code,
        reason=None if event.result_code == 0 else refusal_reason(event.result_code),
        flagged=event.flag == POLICY,
        note=event.note,
        card_id=event.card_instance_id if user_id is not None else None,
        user_id=user_id,
        customer_name=customer_name,
    )


def waiting(session: Session, merchant_id: str, *, limit: int = QUEUE_LIMIT) -> list[ReviewItem]:
    """The events waiting for a decision, newest first."""
    query = (
        _items(merchant_id)
        .where(~_reviewed())
        .order_by(t.Event.received_at.desc(), t.Event.id.desc())
        .limit(limit)
    )
    return [_item(row) for row in session.execute(query)]


def count_waiting(session: Session, merchant_id: str) -> int:
    """How many events wait for a decision (the overview shows it)."""
    query = (
        select(func.count())
        .select_from(t.Event)
        .join(t.Credential, t.Credential.id == t.Event.credential_id)
        .where(*_for_review(merchant_id), ~_reviewed())
    )
    return int(session.scalar(query) or 0)


def decisions(session: Session, merchant_id: str, *, limit: int = REVIEWED_LIMIT) -> list[Decision]:
    """The merchant's latest decisions, newest first."""
    query = (
        _items(merchant_id)
        .add_columns(t.EventReview, t.MerchantUser.email)
        .join(t.EventReview, t.EventReview.event_pk == t.Event.id)
        .join(t.MerchantUser, t.MerchantUser.id == t.EventReview.user_id)
        .where(t.MerchantUser.merchant_id == merchant_id)
        .order_by(t.EventReview.at.desc(), t.EventReview.event_pk.desc())
        .limit(limit)
    )
    found = []
    for row in session.execute(query):
        review, email = row[-2], row[-1]
        found.append(Decision(_item(row[:-2]), review.decision, review.note, review.at, email))
    return found


def find_item(session: Session, merchant_id: str, event_pk: int) -> tuple[ReviewItem, bool] | None:
    """The merchant's event ``event_pk`` if it is one for review, with whether it is decided."""
    row = session.execute(
        _items(merchant_id).add_columns(_reviewed()).where(t.Event.id == event_pk)
    ).one_or_none()
    if row is None:
        return None
    return _item(row[:-1]), bool(row[-1])


def stamps_asked(session: Session, card_id: str, stamp_value: str | None) -> int:
    """How many stamps a STAMP event of ``stamp_value`` asks for on the card: the stamp's
    award (the stamp card's oldest active STAMP stamp without a value), at least 1."""
    card = session.get(t.CardInstance, card_id)
    if card is None:
        return 1
    query = select(t.Stamp.award_stamps).where(
        t.Stamp.stamp_card_id == card.stamp_card_id,
        t.Stamp.state == ACTIVE,
        t.Stamp.event_type == EventType.STAMP.value,
    )
    if stamp_value is not None:
        query = query.where(t.Stamp.stamp_value == stamp_value)
    award = session.scalar(query.order_by(t.Stamp.created_at, t.Stamp.id).limit(1))
    return max(1, award or 1)


def _event_pk(text: str) -> int:
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        raise PageNotFound()
    return int(text)


NOTICES = {
    "dismissed": "Dismissed. The event is in the reviewed list below.",
    "already": "Someone has already decided on this event; see the reviewed list below.",
    "cannot": "Only a refused stamp of a known card can be granted; dismiss this event instead.",
    "nostamp": (
        "The stamp could not be granted: this stamp card has no stamp that gives exactly one "
        "stamp. Add the stamps at a terminal, then dismiss the event."
    ),
}


def _message(params: Mapping[str, str]) -> tuple[str | None, str | None]:
    """(notice, error) for the page shown after a decision; the parameters only choose among
    fixed texts."""
    done = params.get("done", "")
    if done in NOTICES:
        return NOTICES[done], None
    if done in ("granted", "refused"):
        outcome = CorrectionOutcome.from_query(
            {
                "done": Action.ADD_STAMP.value,
                "asked": params.get("asked", ""),
                "applied": params.get("applied", ""),
                **({"refused": params["refused"]} if "refused" in params else {}),
            }
        )
        if outcome is None:
            return None, None
        if outcome.succeeded:
            return f"Granted: {outcome.message()}", None
        if outcome.applied:
            return None, f"Granted in part. {outcome.message()}"
        return None, (
            f"The stamp was not granted and the event is still waiting. {outcome.message()}"
        )
    return None, None


def _page(
    services: Services,
    viewer: Viewer,
    *,
    notice: str | None = None,
    error: str | None = None,
    form_errors: dict[int, str] | None = None,
    values: dict[int, str] | None = None,
    status_code: int = 200,
) -> Response:
    with services.db.read() as session:
        items = waiting(session, viewer.merchant_id)
        total = count_waiting(session, viewer.merchant_id)
        done = decisions(session, viewer.merchant_id)
    context: dict[str, Any] = {
        "viewer": viewer,
        "section": SECTION,
        "notice": notice,
        "error": error,
        "items": items,
        "total": total,
        "decisions": done,
        "queue_limit": QUEUE_LIMIT,
        "reviewed_limit": REVIEWED_LIMIT,
        "form_errors": form_errors or {},
        "values": values or {},
        "max_note": MAX_NOTE_LENGTH,
    }
    return render("review.html", context, status_code=status_code)


@router.get("/review")
def review_page(request: Request, viewer: ViewerDep, services: ServicesDep) -> Response:
    notice, error = _message(request.query_params)
    return _page(services, viewer, notice=notice, error=error)


def _note(
    services: Services, viewer: Viewer, form: FormData, pk: int
) -> tuple[str | None, Response | None]:
    """The decision's note, or the page shown again with the message next to it (400)."""
    try:
        return field(form, "note", required=False, max_length=MAX_NOTE_LENGTH) or None, None
    except FormError as error:
        typed = form.get("note")
        values = {pk: typed if isinstance(typed, str) else ""}
        return None, _page(
            services,
            viewer,
            error="The decision was not recorded: check the note.",
            form_errors={pk: str(error)},
            values=values,
            status_code=400,
        )


def _record(services: Services, viewer: Viewer, pk: int, decision: str, note: str | None) -> str:
    """Record ``decision`` on the merchant's event ``pk``: the redirect's ``done`` value."""
    try:
        with services.db.write() as session:
            found = find_item(session, viewer.merchant_id, pk)
            if found is None:
                raise PageNotFound()
            item, decided = found
            if decided:
                return "already"
            if decision == GRANT and not item.can_grant:
                return "cannot"
            session.add(
                t.EventReview(
                    event_pk=pk,
                    user_id=viewer.user_id,
                    decision=decision,
                    note=note,
                    at=services.now(),
                )
            )
    except IntegrityError:
        return "already"
    return "recorded"


@router.post("/review/{event_pk}/dismiss")
def dismiss(event_pk: str, viewer: ViewerDep, form: CheckedForm, services: ServicesDep) -> Response:
    pk = _event_pk(event_pk)
    with services.db.read() as session:
        if find_item(session, viewer.merchant_id, pk) is None:
            raise PageNotFound()
    note, refused = _note(services, viewer, form, pk)
    if refused is not None:
        return refused
    done = _record(services, viewer, pk, DISMISS, note)
    return redirect(f"{REVIEW_PATH}?done={'dismissed' if done == 'recorded' else done}")


def _take_back(services: Services, viewer: Viewer, pk: int) -> None:
    with services.db.write() as session:
        session.execute(
            delete(t.EventReview).where(
                t.EventReview.event_pk == pk,
                t.EventReview.user_id == viewer.user_id,
                t.EventReview.decision == GRANT,
            )
        )


@router.post("/review/{event_pk}/grant")
def grant(event_pk: str, viewer: ViewerDep, form: CheckedForm, services: ServicesDep) -> Response:
    pk = _event_pk(event_pk)
    with services.db.read() as session:
        found = find_item(session, viewer.merchant_id, pk)
        if found is None:
            raise PageNotFound()
        item = found[0]
        card_id = item.card_id
        event = session.get(t.Event, pk)
        count = stamps_asked(session, card_id, event.stamp_value) if card_id and event else 1
    note, refused = _note(services, viewer, form, pk)
    if refused is not None:
        return refused
    done = _record(services, viewer, pk, GRANT, note)
    if done != "recorded" or card_id is None:
        return redirect(f"{REVIEW_PATH}?done={done}")
    reason = f"granted from review: {item.reason or item.label}"[:MAX_REASON_LENGTH]
    correction = Correction(card_id, Action.ADD_STAMP, count, reason)
    try:
        outcome = apply_correction(services, viewer, correction)
    except NoSingleStamp:
        _take_back(services, viewer, pk)
        return redirect(f"{REVIEW_PATH}?done=nostamp")
    except Exception:
        _take_back(services, viewer, pk)
        raise
    if outcome.applied == 0:
        _take_back(services, viewer, pk)
    status = "granted" if outcome.applied else "refused"
    query = f"done={status}&asked={outcome.asked}&applied={outcome.applied}"
    if outcome.refusal is not None:
        query += f"&refused={outcome.refusal}"
    return redirect(f"{REVIEW_PATH}?{query}")
