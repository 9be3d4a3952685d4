"""The review queue: the events of the merchant's terminals a manager should look at, and the
decisions taken on them. Which events wait, and the reads of the page, are in
``review_queries``.

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
from typing import Any

from fastapi import APIRouter, Request
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from starlette.datastructures import FormData
from starlette.responses import Response

from server.db import tables as t
from server.services import Services, ServicesDep
from server.web.corrections import (
    MAX_REASON_LENGTH,
    Action,
    Correction,
    CorrectionOutcome,
    NoSingleStamp,
    apply_correction,
)
from server.web.pages import CheckedForm, FormError, PageNotFound, ViewerDep, field, redirect
from server.web.review_queries import (
    DISMISS,
    GRANT,
    QUEUE_LIMIT,
    REVIEWED_LIMIT,
    count_waiting,
    decisions,
    find_item,
    stamps_asked,
    waiting,
)
from server.web.sessions import Viewer
from server.web.templating import render

router = APIRouter(prefix="/dashboard", include_in_schema=False)
SECTION = "review"
REVIEW_PATH = "/dashboard/review"
MAX_NOTE_LENGTH = 500


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
