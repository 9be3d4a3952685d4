"""What every dashboard page needs: the signed-in viewer, forms checked against CSRF, and the
plain error pages (sign in, not found, form expired) instead of the API's JSON envelopes.

A page handler takes ``viewer: ViewerDep`` (redirect to the login page when nobody is signed
in) and, to change something, ``form: CheckedForm`` (the posted form, refused with 403 unless it
carries the session's CSRF token and, when the browser sends one, an ``Origin`` of this server).
Ids in URLs are looked up within ``viewer.merchant_id`` only; anything else is ``PageNotFound``,
the same answer as for an id that does not exist.
"""

from __future__ import annotations

import hmac
from typing import Annotated
from urllib.parse import quote, urlsplit

from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from server.services import Services, ServicesDep
from server.web.sessions import SESSION_LIFETIME, Viewer, cookie_name, find_viewer
from server.web.templating import render

LOGIN_PATH = "/dashboard/login"


class LoginRequired(Exception):
    def __init__(self, target: str) -> None:
        super().__init__(target)
        self.target = target


class PageNotFound(Exception):
    """Nothing to show at this URL for this viewer (unknown, or another merchant's)."""


class FormRefused(Exception):
    """A form without the session's CSRF token, or posted from another site."""


class FormError(ValueError):
    """A field of a form that cannot be used; ``field`` names it, ``str()`` says why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def secure_cookies(services: Services) -> bool:
    return services.settings.public_url.startswith("https://")


def session_cookie(request: Request, services: Services) -> str | None:
    return request.cookies.get(cookie_name(secure_cookies(services)))


def _find(services: Services, session_id: str) -> Viewer | None:
    with services.db.read() as session:
        return find_viewer(session, session_id, services.now())


async def current_viewer(request: Request, services: ServicesDep) -> Viewer:
    """Dependency: the signed-in viewer, else a redirect to the login page."""
    session_id = session_cookie(request, services)
    found = await run_in_threadpool(_find, services, session_id) if session_id else None
    if found is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequired(target)
    return found


ViewerDep = Annotated[Viewer, Depends(current_viewer)]


def same_origin(request: Request) -> bool:
    """False when the browser says the form comes from another site."""
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    parts = urlsplit(origin)
    return parts.netloc == request.headers.get("host", "")


async def checked_form(request: Request, viewer: ViewerDep) -> FormData:
    """Dependency: the posted form of the signed-in viewer, with its CSRF token checked."""
    if not same_origin(request):
        raise FormRefused()
    form = await request.form()
    token = form.get("csrf_token")
    if not isinstance(token, str) or not hmac.compare_digest(token, viewer.csrf_token):
        raise FormRefused()
    return form


CheckedForm = Annotated[FormData, Depends(checked_form)]


def field(form: FormData, name: str, *, required: bool = True, max_length: int = 500) -> str:
    """A text field, stripped; FormError when required and empty, or too long."""
    value = form.get(name)
    text = value.strip() if isinstance(value, str) else ""
    if required and not text:
        raise FormError(name, "This field is required.")
    if len(text) > max_length:
        raise FormError(name, f"At most {max_length} characters.")
    if "\x00" in text:
        raise FormError(name, "This field contains a character that cannot be stored.")
    return text


def whole_number(form: FormData, name: str, *, minimum: int = 0, maximum: int = 1_000_000) -> int:
    """An integer field within [minimum, maximum]; FormError otherwise."""
    text = field(form, name)
    try:
        number = int(text)
    except ValueError:
        raise FormError(name, "Enter a whole number.") from None
    if not minimum <= number <= maximum:
        raise FormError(name, f"Enter a number from {minimum} to {maximum}.")
    return number


def redirect(path: str) -> RedirectResponse:
    """After a successful POST: see the result with a GET (303)."""
    return RedirectResponse(path, status_code=303)


def client_address(request: Request) -> str:
    """The address the request came from, for the login rate limit."""
    return request.client.host if request.client else "unknown"


def redirect_signed_in(path: str, session_id: str, services: Services) -> RedirectResponse:
    """A redirect to ``path`` that hands the browser its (new) session cookie."""
    response = redirect(path)
    secure = secure_cookies(services)
    response.set_cookie(
        cookie_name(secure),
        session_id,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        path="/",
        secure=secure,
        httponly=True,
        samesite="lax",
    )
    return response


def redirect_signed_out(path: str, services: Services) -> RedirectResponse:
    """A redirect to ``path`` that makes the browser forget its session cookie."""
    response = redirect(path)
    secure = secure_cookies(services)
    response.delete_cookie(cookie_name(secure), path="/", secure=secure, httponly=True)
    return response


def not_found_page() -> Response:
    return render("not_found.html", {}, status_code=404)


async def _login_required(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LoginRequired)
    return redirect(f"{LOGIN_PATH}?next={quote(exc.target, safe='/')}")


async def _page_not_found(request: Request, exc: Exception) -> Response:
    return not_found_page()


async def _form_refused(request: Request, exc: Exception) -> Response:
    return render("form_refused.html", {}, status_code=403)


def install_page_handlers(app: FastAPI) -> None:
    app.add_exception_handler(LoginRequired, _login_required)
    app.add_exception_handler(PageNotFound, _page_not_found)
    app.add_exception_handler(FormRefused, _form_refused)
