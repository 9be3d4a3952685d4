"""The customer's card page ``/c/<cardInstanceId>.<signature>`` and its web app manifest.

Every QR code and NFC card carries this URL; whoever opens it sees the card, without signing
in, so the signature is the only key to it. It is checked before the database is touched: a
wrong or missing signature, a malformed id and a card signed by another key all get the same
"not a valid card" page (404) without a query, so the answer tells nothing about which cards
exist. A card that verifies but is no longer in the database gets that page too.

The manifest lets the customer put the card on the home screen: its ``start_url`` is the card
URL itself, so the icon opens this card and no other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, Response

from app.domain.card_code import is_card_id, verify_card_signature
from app.domain.events import EventType
from server.services import Services, ServicesDep
from server.web.card_texts import CardTexts, choose_language
from server.web.card_view import CardState, CardView, read_card
from server.web.templating import SECURITY_HEADERS, render

router = APIRouter(include_in_schema=False)

MAX_CODE_LENGTH = 200
"""Longer than any ``<uuid>.<signature>`` (36 + 1 + 86 characters): refused unread."""
MAX_GRID_STAMPS = 60
"""A card with more stamps than this shows only its count, not a circle per stamp."""
THEME_COLOR = "#6b3e26"
BACKGROUND_COLOR = "#f4f1ec"
ICONS = (
    ("/static/icon-192.png", "192x192", "image/png"),
    ("/static/icon-512.png", "512x512", "image/png"),
)
SVG_ICON = "/static/icon.svg"
PAGE_HEADERS = {"Vary": "Accept-Language", "X-Robots-Tag": "noindex, nofollow"}


def card_id_of(code: str, public_key: Ed25519PublicKey) -> str | None:
    """The card id of ``<id>.<signature>`` when the signature is this server's, else None.

    Looks at the code only, never at the database. The id may be upper case (it is compared
    and signed in lower case, as the terminal reads it).
    """
    if len(code) > MAX_CODE_LENGTH:
        return None
    raw_id, dot, signature = code.partition(".")
    card_id = raw_id.lower()
    if not dot or not is_card_id(card_id):
        return None
    if not verify_card_signature(public_key, card_id, signature):
        return None
    return card_id


def _read(services: Services, card_id: str) -> CardView | None:
    with services.db.read() as session:
        return read_card(session, card_id, services.now())


async def _verified_card(services: Services, code: str) -> CardView | None:
    """The card of a verified code, or None for every kind of invalid or unknown card."""
    card_id = card_id_of(code, services.signing_key.public_key())
    if card_id is None:
        return None
    return await run_in_threadpool(_read, services, card_id)


def not_valid_page(texts: CardTexts) -> Response:
    """The one answer for a URL that does not lead to a card."""
    context = {
        "lang": texts.html_lang,
        "title": texts.not_valid_title,
        "message": texts.not_valid_message,
    }
    return render("not_found.html", context, status_code=404, headers=PAGE_HEADERS)


@dataclass(frozen=True, slots=True)
class Slot:
    """One circle of the stamp grid."""

    number: int
    filled: bool
    reward: bool

    @property
    def classes(self) -> str:
        return " ".join(
            name for name, on in (("filled", self.filled), ("reward", self.reward)) if on
        )


def stamp_slots(view: CardView) -> list[Slot]:
    """A circle per stamp of the card (the first ``current_stamps`` filled), with a marker at
    each reward threshold; none when the card has too many stamps to draw."""
    total = max(view.stamp_count, view.current_stamps)
    if total > MAX_GRID_STAMPS:
        return []
    return [
        Slot(number, number <= view.current_stamps, number in view.thresholds)
        for number in range(1, total + 1)
    ]


def state_message(view: CardView, texts: CardTexts) -> str | None:
    """Why the card cannot be used, in words; None when it can."""
    if view.state is CardState.REMOVED:
        return texts.state_removed
    if view.state is CardState.EXPIRED:
        if view.expires_at is None:
            return texts.state_expired_undated
        return texts.state_expired.format(date=texts.datetime(view.expires_at))
    if view.state is CardState.INACTIVE:
        return texts.state_inactive
    if view.state is CardState.NOT_YET:
        return texts.state_not_yet.format(date=texts.datetime(view.starts_at))
    return None


def card_context(view: CardView, texts: CardTexts, manifest_url: str) -> dict[str, Any]:
    """Everything the template shows, in the chosen language."""
    usable = view.state is CardState.USABLE
    next_text = None
    if usable and view.next_reward is not None:
        next_text = texts.next_reward.pick(view.next_reward.missing).format(
            missing=view.next_reward.missing, reward=view.next_reward.name
        )
    valid_until = None
    if usable and view.expires_at is not None:
        valid_until = texts.card_valid_until.format(date=texts.datetime(view.expires_at))
    rewards = [
        (
            reward.name,
            texts.reward_valid_until.format(date=texts.datetime(reward.expires_at))
            if reward.expires_at is not None
            else texts.reward_no_expiry,
        )
        for reward in view.rewards
    ]
    visits = [
        (
            visit.at.isoformat(),
            texts.datetime(visit.at),
            _visit_text(visit.stamps, visit.redeemed, visit.event_type, texts),
        )
        for visit in view.visits
    ]
    return {
        "lang": texts.html_lang,
        "texts": texts,
        "card": view,
        "usable": usable,
        "state": view.state.value,
        "state_message": state_message(view, texts),
        "slots": stamp_slots(view),
        "count_text": texts.stamps_of.pick(view.stamp_count).format(
            n=view.current_stamps, total=view.stamp_count
        ),
        "next_reward": next_text,
        "valid_until": valid_until,
        "rewards": rewards if usable else [],
        "visits": visits,
        "manifest_url": manifest_url,
        "theme_color": THEME_COLOR,
    }


def _visit_text(stamps: int, redeemed: str | None, event_type: str, texts: CardTexts) -> str:
    if event_type == EventType.REDEEM.value:
        if redeemed is None:
            return texts.visit_redeemed_unnamed
        return texts.visit_redeemed.format(reward=redeemed)
    return texts.visit_stamps.pick(stamps).format(n=stamps)


@router.api_route("/c/{code}", methods=["GET", "HEAD"])
async def card_page(code: str, request: Request, services: ServicesDep) -> Response:
    texts = choose_language(request.headers.get("accept-language"))
    view = await _verified_card(services, code)
    if view is None:
        return not_valid_page(texts)
    manifest_url = f"{request.url.path}/manifest.webmanifest"
    return render("card.html", card_context(view, texts, manifest_url), headers=PAGE_HEADERS)


def manifest(view: CardView, texts: CardTexts, card_url: str) -> dict[str, Any]:
    """The web app manifest of one card: installed, it opens this card's page."""
    icons: list[dict[str, str]] = []
    for purpose in ("any", "maskable"):
        icons += [
            {"src": src, "sizes": sizes, "type": kind, "purpose": purpose}
            for src, sizes, kind in ICONS
        ]
    icons.append({"src": SVG_ICON, "sizes": "any", "type": "image/svg+xml", "purpose": "any"})
    return {
        "id": card_url,
        "name": view.stamp_card_name,
        "short_name": view.merchant_name,
        "description": texts.app_description.format(merchant=view.merchant_name),
        "lang": texts.html_lang,
        "dir": "ltr",
        "start_url": card_url,
        "scope": card_url,
        "display": "standalone",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": icons,
    }


@router.api_route("/c/{code}/manifest.webmanifest", methods=["GET", "HEAD"])
async def card_manifest(code: str, request: Request, services: ServicesDep) -> Response:
    texts = choose_language(request.headers.get("accept-language"))
    view = await _verified_card(services, code)
    if view is None:
        return not_valid_page(texts)
    headers = {**SECURITY_HEADERS, **PAGE_HEADERS, "Cache-Control": "no-store"}
    return JSONResponse(
        manifest(view, texts, services.card_url(view.card_id)),
        media_type="application/manifest+json",
        headers=headers,
    )
