"""Signing in to and out of the dashboard."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import Response

from server.services import Services, ServicesDep
from server.web.accounts import LoginRefused, sign_in
from server.web.pages import (
    CheckedForm,
    client_address,
    redirect_signed_in,
    redirect_signed_out,
    same_origin,
    session_cookie,
)
from server.web.sessions import end_session, start_session
from server.web.templating import render

router = APIRouter(prefix="/dashboard", include_in_schema=False)
HOME = "/dashboard/"


def safe_next(target: str | None) -> str:
    """Only a path of the dashboard itself (never another site) is followed after sign-in."""
    if target and target.startswith("/dashboard") and "//" not in target and "\\" not in target:
        return target
    return HOME


@router.get("/login")
def login_page(next: str | None = None) -> Response:
    return render("login.html", {"next": safe_next(next), "email": "", "error": None})


def _sign_in(services: Services, email: str, password: str, address: str) -> str | LoginRefused:
    """A new session id, or why not (the attempt is committed either way)."""
    with services.db.write() as session:
        now = services.now()
        user = sign_in(session, now, email=email, password=password, address=address)
        if isinstance(user, LoginRefused):
            return user
        return start_session(session, user.user_id, now)


@router.post("/login")
async def login(
    request: Request,
    services: ServicesDep,
    email: Annotated[str, Form(max_length=320)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    next: Annotated[str, Form(max_length=2000)] = HOME,
) -> Response:
    target = safe_next(next)
    if not same_origin(request):
        return render("form_refused.html", {}, status_code=403)
    session_id = await run_in_threadpool(
        _sign_in, services, email, password, client_address(request)
    )
    if isinstance(session_id, LoginRefused):
        context = {"next": target, "email": email, "error": session_id.message}
        return render("login.html", context, status_code=401)
    return redirect_signed_in(target, session_id, services)


def _end(services: Services, session_id: str) -> None:
    with services.db.write() as session:
        end_session(session, session_id)


@router.post("/logout")
async def logout(request: Request, services: ServicesDep, _form: CheckedForm) -> Response:
    session_id = session_cookie(request, services)
    if session_id:
        await run_in_threadpool(_end, services, session_id)
    return redirect_signed_out("/dashboard/login", services)
