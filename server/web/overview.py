"""The dashboard's first page: today's figures and the chart of stamps and redemptions."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from server.web.pages import ViewerDep
from server.web.templating import render

router = APIRouter(prefix="/dashboard", include_in_schema=False)


@router.get("/")
def overview(viewer: ViewerDep) -> Response:
    return render("overview.html", {"viewer": viewer, "section": "overview"})
