"""Signing in and out of the organiser console (outside /admin, so every /admin route needs a session)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tweetathon.auth.login import authenticate
from tweetathon.web.auth import current_user, safe_next, sign_in, sign_out
from tweetathon.web.context import WebContext, web_context
from tweetathon.web.templating import render

router = APIRouter(include_in_schema=False)
Context = Annotated[WebContext, Depends(web_context)]


@router.get("/login", name="login")
def login_form(request: Request, ctx: Context, next: str = "/admin") -> Response:
    if current_user(request, ctx) is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return render(request, "login.html.j2", next=safe_next(next), error="", name="")


@router.post("/login", name="login_submit")
def login(request: Request, ctx: Context, name: Annotated[str, Form(max_length=64)] = "",
          password: Annotated[str, Form(max_length=1024)] = "", next: Annotated[str, Form()] = "/admin") -> Response:
    result = authenticate(ctx.store, name.strip(), password, client=request.client.host if request.client else "")
    if result.ok and result.user is not None:
        sign_in(request, result.user)
        return RedirectResponse(safe_next(next), status_code=303)
    if result.outcome == "locked" and result.retry_at is not None:
        error = f"Too many failed attempts: try again after {result.retry_at:%H:%M} UTC."
    else:
        error = "That name and password do not match an account."
    return render(request, "login.html.j2", status_code=401 if result.outcome == "invalid" else 429,
                  next=safe_next(next), error=error, name=name)


@router.post("/logout", name="logout")
def logout(request: Request) -> HTMLResponse:
    sign_out(request)
    return render(request, "message.html.j2", title="Signed out", message="You are signed out.",
                  links=[("/", "Events")])
