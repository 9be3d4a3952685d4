"""The dashboard's stamp cards: the list, a new stamp card with its first reward, and one stamp
card's page where the shop owner edits it, its rewards and its stamp values.

Every form posts back here (CSRF checked) and, when it worked, redirects to the stamp card's
page with a fixed notice (``?done=`` names one of ``NOTICES``; nothing of the URL is shown as
is). A form that cannot be used comes back with status 400, with what was typed and the
message next to the field. The changes themselves are in ``programme_edits``, what the pages
show is read in ``stamp_card_queries``, and the forms are read with ``form_reader``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter
from sqlalchemy.orm import Session
from starlette.responses import Response

from app.domain.events import EventType
from server.db.tables import ACTIVE
from server.services import Services, ServicesDep
from server.web import programme_edits
from server.web.form_reader import FormReader, FormState
from server.web.pages import CheckedForm, FormError, ViewerDep, redirect
from server.web.programme_edits import CardSettings, RewardSettings
from server.web.sessions import Viewer
from server.web.stamp_card_queries import (
    card_values,
    list_stamp_cards,
    load_card_page,
    reward_values,
)
from server.web.templating import render

BASE = "/dashboard/stamp-cards"
SECTION = "stamp-cards"
router = APIRouter(prefix=BASE, include_in_schema=False)

NOTICES = {
    "created": "The stamp card was created. Terminals get it at their next sync.",
    "saved": "The stamp card was saved. The next event follows the new settings.",
    "reward-added": "The reward was added.",
    "reward-saved": "The reward was saved. The next event follows the new rule.",
    "stamp-added": "The stamp value was added.",
    "stamp-on": "The stamp value was switched on.",
    "stamp-off": "The stamp value was switched off. Scans of it are refused from now on.",
}
"""The fixed messages a ``?done=`` parameter may ask for."""

CARD_FIELDS = (
    "name",
    "tnc",
    "information",
    "card_validity_days",
    "cooldown_seconds",
    "max_stamps_per_day",
    "published",
)
REWARD_FIELDS = ("reward_name", "threshold", "validity_days", "description", "message")
STAMP_FIELDS = ("kind", "award_stamps", "reward_id")

NEW_CARD_DEFAULTS = {
    "name": "",
    "tnc": "",
    "information": "",
    "card_validity_days": "365",
    "cooldown_seconds": "0",
    "max_stamps_per_day": "0",
    "published": "on",
    "reward_name": "",
    "threshold": "10",
    "validity_days": "30",
    "description": "",
    "message": "",
}
NEW_REWARD_DEFAULTS = {
    "reward_name": "",
    "threshold": "",
    "validity_days": "30",
    "description": "",
    "message": "",
}
NEW_STAMP_DEFAULTS = {"kind": EventType.STAMP.value, "award_stamps": "1", "reward_id": ""}


def read_card_settings(reader: FormReader) -> CardSettings:
    return CardSettings(
        name=reader.text("name", max_length=120),
        tnc=reader.text("tnc", required=False, max_length=4000),
        information=reader.text("information", required=False, max_length=2000),
        card_validity_days=reader.number("card_validity_days", minimum=1, maximum=36_500),
        cooldown_seconds=reader.number("cooldown_seconds", minimum=0, maximum=604_800),
        max_stamps_per_day=reader.number("max_stamps_per_day", minimum=0, maximum=1000),
        published=reader.checked("published"),
    )


def read_reward_settings(reader: FormReader) -> RewardSettings:
    return RewardSettings(
        name=reader.text("reward_name", max_length=120),
        threshold=reader.number("threshold", minimum=1, maximum=1000),
        validity_days=reader.number("validity_days", minimum=0, maximum=3650),
        description=reader.text("description", required=False, max_length=1000),
        message=reader.text("message", required=False, max_length=500),
    )


# Pages


def _notice(done: str | None) -> str | None:
    return NOTICES.get(done or "")


def card_path(stamp_card_id: str) -> str:
    return f"{BASE}/{stamp_card_id.strip().upper()}"


def _card_page(
    services: Services,
    viewer: Viewer,
    stamp_card_id: str,
    *,
    notice: str | None = None,
    failed: tuple[str, FormState] | None = None,
) -> Response:
    """The stamp card's page; ``failed`` is the form (by key) that comes back with what was
    typed and its messages (status 400), the other forms show what is stored."""
    with services.db.read() as session:
        page = load_card_page(session, viewer.merchant_id, stamp_card_id)
    forms: dict[str, FormState] = {
        "card": FormState(card_values(page.card)),
        "new-reward": FormState(dict(NEW_REWARD_DEFAULTS)),
        "new-stamp": FormState(dict(NEW_STAMP_DEFAULTS)),
        "stamp-state": FormState({}),
    }
    for reward in page.rewards:
        forms[f"reward-{reward.id}"] = FormState(reward_values(reward))
    if failed is not None:
        forms[failed[0]] = failed[1]
    context: dict[str, Any] = {
        "viewer": viewer,
        "section": SECTION,
        "notice": notice,
        "page": page,
        "forms": forms,
        "failed": failed[0] if failed is not None else None,
    }
    return render("stamp_card.html", context, status_code=400 if failed else 200)


def _change(
    services: Services,
    viewer: Viewer,
    stamp_card_id: str,
    *,
    form_key: str,
    reader: FormReader,
    action: Callable[[Session], object],
    done: str,
) -> Response:
    """Run ``action`` in one write transaction unless the form has messages already; a
    FormError of ``action`` (nothing is changed then) comes back next to its field."""
    if not reader.errors:
        try:
            with services.db.write() as session:
                action(session)
        except FormError as error:
            reader.errors[error.field] = str(error)
    if reader.errors:
        return _card_page(services, viewer, stamp_card_id, failed=(form_key, reader.state))
    return redirect(f"{card_path(stamp_card_id)}?done={done}")


@router.get("")
def stamp_cards(viewer: ViewerDep, services: ServicesDep, done: str | None = None) -> Response:
    with services.db.read() as session:
        rows = list_stamp_cards(session, viewer.merchant_id)
    context = {"viewer": viewer, "section": SECTION, "notice": _notice(done), "cards": rows}
    return render("stamp_cards.html", context)


def _new_card_page(viewer: Viewer, form: FormState, *, status_code: int = 200) -> Response:
    context = {"viewer": viewer, "section": SECTION, "form": form}
    return render("stamp_card_new.html", context, status_code=status_code)


@router.get("/new")
def new_stamp_card_page(viewer: ViewerDep) -> Response:
    return _new_card_page(viewer, FormState(dict(NEW_CARD_DEFAULTS)))


@router.post("/new")
def new_stamp_card(viewer: ViewerDep, form: CheckedForm, services: ServicesDep) -> Response:
    reader = FormReader(form, (*CARD_FIELDS, *REWARD_FIELDS))
    settings = read_card_settings(reader)
    reward = read_reward_settings(reader)
    if reader.errors:
        return _new_card_page(viewer, reader.state, status_code=400)
    with services.db.write() as session:
        card = programme_edits.create_programme(
            session, services.now(), viewer.merchant_id, settings, reward
        )
        card_id = card.id
    return redirect(f"{card_path(card_id)}?done=created")


@router.get("/{stamp_card_id}")
def stamp_card_page(
    stamp_card_id: str, viewer: ViewerDep, services: ServicesDep, done: str | None = None
) -> Response:
    return _card_page(services, viewer, stamp_card_id, notice=_notice(done))


@router.post("/{stamp_card_id}")
def edit_stamp_card(
    stamp_card_id: str, viewer: ViewerDep, form: CheckedForm, services: ServicesDep
) -> Response:
    reader = FormReader(form, CARD_FIELDS)
    settings = read_card_settings(reader)

    def action(session: Session) -> None:
        programme_edits.edit_stamp_card(session, viewer.merchant_id, stamp_card_id, settings)

    return _change(
        services, viewer, stamp_card_id, form_key="card", reader=reader, action=action, done="saved"
    )


@router.post("/{stamp_card_id}/rewards")
def add_reward(
    stamp_card_id: str, viewer: ViewerDep, form: CheckedForm, services: ServicesDep
) -> Response:
    reader = FormReader(form, REWARD_FIELDS)
    reward = read_reward_settings(reader)

    def action(session: Session) -> None:
        programme_edits.add_reward(
            session, services.now(), viewer.merchant_id, stamp_card_id, reward
        )

    return _change(
        services,
        viewer,
        stamp_card_id,
        form_key="new-reward",
        reader=reader,
        action=action,
        done="reward-added",
    )


@router.post("/{stamp_card_id}/rewards/{reward_id}")
def edit_reward(
    stamp_card_id: str,
    reward_id: str,
    viewer: ViewerDep,
    form: CheckedForm,
    services: ServicesDep,
) -> Response:
    reader = FormReader(form, REWARD_FIELDS)
    reward = read_reward_settings(reader)
    with services.db.read() as session:
        card = programme_edits.owned_stamp_card(session, viewer.merchant_id, stamp_card_id)
        key = f"reward-{programme_edits.owned_reward(session, card, reward_id).id}"

    def action(session: Session) -> None:
        programme_edits.edit_reward(
            session, services.now(), viewer.merchant_id, stamp_card_id, reward_id, settings=reward
        )

    return _change(
        services,
        viewer,
        stamp_card_id,
        form_key=key,
        reader=reader,
        action=action,
        done="reward-saved",
    )


@router.post("/{stamp_card_id}/stamps")
def add_stamp_value(
    stamp_card_id: str, viewer: ViewerDep, form: CheckedForm, services: ServicesDep
) -> Response:
    reader = FormReader(form, STAMP_FIELDS)
    kind = reader.choice(
        "kind",
        (EventType.STAMP.value, EventType.REDEEM.value),
        "Choose whether the stamp value gives stamps or redeems a reward.",
    )
    award = 0
    if kind == EventType.STAMP.value:
        award = reader.number("award_stamps", minimum=1, maximum=100)
    reward_id = reader.text("reward_id", required=False, max_length=100) or None

    def action(session: Session) -> None:
        programme_edits.add_stamp_value(
            session,
            services.now(),
            viewer.merchant_id,
            stamp_card_id,
            event_type=EventType(kind),
            award_stamps=award,
            reward_id=reward_id if kind == EventType.REDEEM.value else None,
        )

    return _change(
        services,
        viewer,
        stamp_card_id,
        form_key="new-stamp",
        reader=reader,
        action=action,
        done="stamp-added",
    )


@router.post("/{stamp_card_id}/stamps/{stamp_id}/state")
def set_stamp_state(
    stamp_card_id: str,
    stamp_id: str,
    viewer: ViewerDep,
    form: CheckedForm,
    services: ServicesDep,
) -> Response:
    with services.db.read() as session:
        card = programme_edits.owned_stamp_card(session, viewer.merchant_id, stamp_card_id)
        programme_edits.owned_stamp(session, card, stamp_id)
    reader = FormReader(form, ("state",))
    state = reader.choice(
        "state", (ACTIVE, programme_edits.INACTIVE), "Choose to switch the value on or off."
    )

    def action(session: Session) -> None:
        programme_edits.set_stamp_state(
            session, viewer.merchant_id, stamp_card_id, stamp_id, active=state == ACTIVE
        )

    done = "stamp-on" if state == ACTIVE else "stamp-off"
    return _change(
        services,
        viewer,
        stamp_card_id,
        form_key="stamp-state",
        reader=reader,
        action=action,
        done=done,
    )
