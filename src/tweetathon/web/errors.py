"""Errors as pages (or JSON under /api): what went wrong and what to do, never a traceback."""

from __future__ import annotations

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from tweetathon.store.organise import UnknownEvent
from tweetathon.web.auth import LoginRequired, login_url
from tweetathon.web.documents import NotYet
from tweetathon.web.pages import UnknownPage
from tweetathon.web.templating import render

TITLES = {400: "Bad request", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
          422: "The request was not understood", 500: "Something went wrong"}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def error_response(request: Request, status: int, detail: str, headers: dict[str, str] | None = None) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status, headers=headers)
    return render(request, "error.html.j2", status_code=status, title=TITLES.get(status, "Error"), detail=detail)


async def _http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "Error")
    return error_response(request, exc.status_code, detail, getattr(exc, "headers", None))


async def _unknown(request: Request, exc: Exception) -> Response:
    return error_response(request, 404, "There is no such event or page. The events are listed on the home page.")


async def _not_yet(request: Request, exc: Exception) -> Response:
    return error_response(request, 404, str(exc))


async def _invalid(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    if _wants_json(request):
        return JSONResponse({"detail": exc.errors()}, status_code=422)
    fields = ", ".join(".".join(str(p) for p in e["loc"][1:]) for e in exc.errors())
    return error_response(request, 422, f"These values were not understood: {fields}.")


async def _login(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LoginRequired)
    return RedirectResponse(login_url(exc.next_path), status_code=303)


def install(app: FastAPI) -> None:
    app.add_exception_handler(LoginRequired, _login)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(UnknownPage, _unknown)
    app.add_exception_handler(NotYet, _not_yet)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(UnknownEvent, _unknown)
