"""The organiser console: the dashboard and the audit log. Every /admin route is on a router carrying
`require_user("viewer")` (see `admin_router`), so none can be reached without signing in; actions that change
something also need editor or organiser."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from tweetathon import audit
from tweetathon.auth.users import User
from tweetathon.web import console
from tweetathon.web.auth import require_user
from tweetathon.web.context import WebContext, web_context
from tweetathon.web.templating import render


def admin_router() -> APIRouter:
    """A router for console pages: under /admin, signed-in users only, not in the API schema."""
    return APIRouter(prefix="/admin", include_in_schema=False, dependencies=[Depends(require_user("viewer"))])


router = admin_router()
Context = Annotated[WebContext, Depends(web_context)]
Viewer = Annotated[User, Depends(require_user("viewer"))]


@router.get("", name="admin")
def dashboard(request: Request, ctx: Context, user: Viewer) -> HTMLResponse:
    return render(request, "admin/dashboard.html.j2", user=user, events=console.dashboard(ctx.store))


@router.get("/audit", name="admin_audit")
def audit_log(request: Request, ctx: Context, user: Viewer, event: str | None = None) -> HTMLResponse:
    found = audit.entries(ctx.store, event=event or None, limit=300)
    return render(request, "admin/audit.html.j2", user=user, entries=found, event=event or "")
