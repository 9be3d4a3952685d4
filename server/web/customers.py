"""The dashboard's customer pages: search, a customer's cards with their histories, and the
corrections made on a card.

- ``GET /dashboard/customers?q=``: the merchant's customers matching a phone number, a part of
  a name or a card code (id or pasted card URL); without ``q`` the most recently active ones.
- ``GET /dashboard/customers/{user_id}``: the customer's cards of this merchant, each with its
  rewards, a correction form and its newest events (``HISTORY_LIMIT``).
- ``POST /dashboard/cards/{card_instance_id}/corrections``: apply a correction (see
  ``server.web.corrections``), then show the customer page with the outcome (303); a form that
  cannot be applied is shown again with the values typed and a message per field (400).

A customer or card of another merchant is answered like an unknown id (404), nothing changed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from starlette.responses import Response

from server.services import ServicesDep
from server.web.corrections import (
    ACTION_LABELS,
    MAX_ADDED_STAMPS,
    MAX_REASON_LENGTH,
    CorrectionOutcome,
    InvalidCorrection,
    NoSingleStamp,
    apply_correction,
    read_correction,
)
from server.web.customer_queries import (
    HISTORY_LIMIT,
    MAX_QUERY_LENGTH,
    SEARCH_LIMIT,
    CustomerPage,
    customer_page,
    own_card,
    search_customers,
)
from server.web.pages import CheckedForm, PageNotFound, ViewerDep, redirect
from server.web.sessions import Viewer
from server.web.templating import render

router = APIRouter(prefix="/dashboard", include_in_schema=False)
SECTION = "customers"


def customer_path(user_id: str) -> str:
    return f"/dashboard/customers/{quote(user_id, safe='')}"


@router.get("/customers")
def customers(viewer: ViewerDep, services: ServicesDep, q: str = "") -> Response:
    query = q.strip()[:MAX_QUERY_LENGTH]
    with services.db.read() as session:
        rows = search_customers(session, viewer.merchant_id, query)
    context = {
        "viewer": viewer,
        "section": SECTION,
        "q": query,
        "rows": rows,
        "limit": SEARCH_LIMIT,
    }
    return render("customers.html", context)


def _customer_response(
    viewer: Viewer,
    page: CustomerPage,
    now: datetime,
    *,
    outcome: CorrectionOutcome | None = None,
    form_card: str | None = None,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    context: dict[str, Any] = {
        "viewer": viewer,
        "section": SECTION,
        "customer": page,
        "now": now,
        "outcome": outcome,
        "notice": outcome.message() if outcome is not None and outcome.succeeded else None,
        "form_card": form_card,
        "values": values or {},
        "errors": errors or {},
        "actions": list(ACTION_LABELS.items()),
        "history_limit": HISTORY_LIMIT,
        "max_added": MAX_ADDED_STAMPS,
        "max_reason": MAX_REASON_LENGTH,
    }
    return render("customer.html", context, status_code=status_code)


@router.get("/customers/{user_id}")
def customer(user_id: str, request: Request, viewer: ViewerDep, services: ServicesDep) -> Response:
    now = services.now()
    with services.db.read() as session:
        page = customer_page(session, viewer.merchant_id, user_id, now)
    if page is None:
        raise PageNotFound()
    outcome = CorrectionOutcome.from_query(request.query_params)
    return _customer_response(viewer, page, now, outcome=outcome)


@router.post("/cards/{card_instance_id}/corrections")
def correct_card(
    card_instance_id: str, viewer: ViewerDep, form: CheckedForm, services: ServicesDep
) -> Response:
    now = services.now()
    with services.db.read() as session:
        card = own_card(session, viewer.merchant_id, card_instance_id)
        user_id = card.user_id if card is not None else None
        checked = (
            customer_page(session, viewer.merchant_id, user_id, now, with_history=False)
            if user_id
            else None
        )
    if card is None or user_id is None or checked is None:
        raise PageNotFound()
    [view] = [shown for shown in checked.cards if shown.id == card.id]
    values = {key: value for key, value in form.items() if isinstance(value, str)}
    values.pop("csrf_token", None)
    try:
        correction = read_correction(form, view)
        outcome = apply_correction(services, viewer, correction)
    except InvalidCorrection as invalid:
        problems = invalid.errors
    except NoSingleStamp as impossible:
        problems = {"count": str(impossible)}
    else:
        return redirect(f"{customer_path(user_id)}?{outcome.query()}#card-{card.id}")
    with services.db.read() as session:
        page = customer_page(session, viewer.merchant_id, user_id, now)
    if page is None:
        raise PageNotFound()
    return _customer_response(
        viewer, page, now, form_card=card.id, values=values, errors=problems, status_code=400
    )
