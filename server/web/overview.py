"""The dashboard's first page: today's figures and the chart of the last 30 days.

Days are the shop's calendar days, in the merchant's time zone (``server.web.shop_time``: a day
on which the clocks change has 23 or 25 hours), and an event counts on the day of its
``event_time`` (when it happened at the counter, not when the terminal synced it; a terminal
that was offline fills in its days later). Everything is limited to the viewer's merchant
through ``card_instances.merchant_id``.

- stamps given: the sum of ``stamps_delta`` of applied STAMP events (stamps added as dashboard
  corrections included; removed stamps are not subtracted);
- rewards earned: the REWARD rows the server writes; rewards redeemed: applied REDEEM events;
- new cards: card instances issued today; waiting for review: ``server.web.review``;
- terminals that synced today: the merchant's terminals that reported an event today (by the
  server's receiving time).

The chart's numbers are aggregated in SQL, one query for the 30 days: the day boundaries are
computed in Python and a ``CASE`` gives each event its day's index, grouped in an outer query
(SQLite and PostgreSQL have no common date function; and PostgreSQL does not recognise an
expression with bound parameters in GROUP BY as the one in the select list).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, timedelta
from typing import Any

from fastapi import APIRouter
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session
from starlette.responses import Response

from app.domain.events import EventType
from server.auth import TERMINAL
from server.db import tables as t
from server.services import ServicesDep
from server.web.chart import ChartDay, render_chart
from server.web.pages import ViewerDep
from server.web.review_queries import count_waiting
from server.web.shop_time import DEFAULT_ZONE, day_bounds, day_start, local_day
from server.web.templating import render

router = APIRouter(prefix="/dashboard", include_in_schema=False)
DAYS = 30
COUNTED = (EventType.STAMP.value, EventType.REDEEM.value, EventType.REWARD.value)


@dataclass(frozen=True, slots=True)
class DayFigures:
    """What happened on one of the shop's days."""

    day: date
    stamps: int = 0
    rewards: int = 0
    redeems: int = 0


@dataclass(frozen=True, slots=True)
class Today:
    """Today's figures of the overview."""

    stamps: int
    rewards: int
    redeems: int
    new_cards: int
    waiting_review: int
    terminals_synced: int
    terminals: int


def daily_figures(
    session: Session,
    merchant_id: str,
    last_day: date,
    *,
    zone_name: str = DEFAULT_ZONE,
    days: int = DAYS,
) -> list[DayFigures]:
    """The figures of the ``days`` calendar days of ``zone_name`` up to ``last_day`` (oldest
    first); each day runs from its local midnight to the next (``bounds`` in UTC)."""
    first_day = last_day - timedelta(days=days - 1)
    bounds = [day_start(first_day + timedelta(days=i), zone_name) for i in range(days + 1)]
    index = case(*[(t.Event.event_time < bounds[i + 1], i) for i in range(days)], else_=days)
    applied = (
        select(index.label("day"), t.Event.event_type, t.Event.stamps_delta)
        .join(t.CardInstance, t.CardInstance.id == t.Event.card_instance_id)
        .where(
            t.CardInstance.merchant_id == merchant_id,
            t.Event.result_code == 0,
            t.Event.event_type.in_(COUNTED),
            t.Event.event_time >= bounds[0],
            t.Event.event_time < bounds[-1],
        )
        .subquery("applied")
    )
    totals = select(
        applied.c.day,
        applied.c.event_type,
        func.count(),
        func.coalesce(func.sum(applied.c.stamps_delta), 0),
    ).group_by(applied.c.day, applied.c.event_type)
    found: dict[int, dict[str, int]] = {}
    for day, event_type, count, stamps in session.execute(totals):
        figures = found.setdefault(int(day), {})
        if event_type == EventType.STAMP.value:
            figures["stamps"] = int(stamps)
        elif event_type == EventType.REWARD.value:
            figures["rewards"] = int(count)
        else:
            figures["redeems"] = int(count)
    return [DayFigures(first_day + timedelta(days=i), **found.get(i, {})) for i in range(days)]


def today_figures(
    session: Session,
    merchant_id: str,
    last_day: DayFigures,
    *,
    zone_name: str = DEFAULT_ZONE,
) -> Today:
    """Today's figures (``last_day`` is the chart's last day, today in ``zone_name``: its
    events' figures are today's)."""
    start, end = day_bounds(last_day.day, zone_name)
    new_cards = session.scalar(
        select(func.count())
        .select_from(t.CardInstance)
        .where(
            t.CardInstance.merchant_id == merchant_id,
            t.CardInstance.issue_date >= start,
            t.CardInstance.issue_date < end,
        )
    )
    synced = session.scalar(
        select(func.count(func.distinct(t.Event.credential_id)))
        .join(t.Credential, t.Credential.id == t.Event.credential_id)
        .where(
            t.Credential.merchant_id == merchant_id,
            t.Credential.kind == TERMINAL,
            t.Event.received_at >= start,
            t.Event.received_at < end,
        )
    )
    terminals = session.scalar(
        select(func.count())
        .select_from(t.Credential)
        .where(
            t.Credential.merchant_id == merchant_id,
            t.Credential.kind == TERMINAL,
            t.Credential.revoked_at.is_(None),
        )
    )
    return Today(
        stamps=last_day.stamps,
        rewards=last_day.rewards,
        redeems=last_day.redeems,
        new_cards=int(new_cards or 0),
        waiting_review=count_waiting(session, merchant_id),
        terminals_synced=int(synced or 0),
        terminals=int(terminals or 0),
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


@router.get("/")
def overview(viewer: ViewerDep, services: ServicesDep) -> Response:
    now = services.now().astimezone(UTC)
    zone_name = viewer.timezone
    with services.db.read() as session:
        days = daily_figures(
            session, viewer.merchant_id, local_day(now, zone_name), zone_name=zone_name
        )
        today = today_figures(session, viewer.merchant_id, days[-1], zone_name=zone_name)
    chart = render_chart(
        [ChartDay(day.day, day.stamps, day.redeems) for day in days],
        title=f"Stamps given and rewards redeemed per day, last {DAYS} days ({zone_name})",
        description=(
            f"{_count(sum(day.stamps for day in days), 'stamp')} given and "
            f"{_count(sum(day.redeems for day in days), 'reward')} redeemed from "
            f"{days[0].day.isoformat()} to {days[-1].day.isoformat()}."
        ),
        zone_name=zone_name,
    )
    context: dict[str, Any] = {
        "viewer": viewer,
        "section": "overview",
        "today": today,
        "today_day": days[-1].day,
        "zone_name": zone_name,
        "days": list(reversed(days)),
        "chart": chart,
        "day_count": DAYS,
        "quiet": all(day.stamps == 0 and day.redeems == 0 for day in days),
    }
    return render("overview.html", context)
