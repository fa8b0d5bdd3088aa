"""Every router of the app, in one list: a new page family is one module here and one line below."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute, Route

from tweetathon.web.routes import (
    admin,
    admin_events,
    admin_feed,
    admin_live,
    admin_outputs,
    admin_people,
    api,
    api_private,
    live,
    login,
    public,
    register,
)

ROUTERS: tuple[APIRouter, ...] = (
    public.router, register.router, login.router, admin.router, admin_people.router, admin_events.router,
    admin_outputs.router, admin_feed.router, api.router, api_private.router, live.router, admin_live.router,
)


def route_table(app: FastAPI) -> list[tuple[str, str]]:
    """(method, path) of every endpoint of `app`: its own routes and those of every included router, walked
    recursively (FastAPI keeps included routers as branches). HEAD is left out (it follows GET)."""
    found: set[tuple[str, str]] = set()
    _walk(app.routes, "", found)
    return sorted(found)


def _walk(routes: Sequence[BaseRoute], prefix: str, found: set[tuple[str, str]]) -> None:
    for route in routes:
        included = getattr(route, "original_router", None)
        if isinstance(included, APIRouter):
            context = getattr(route, "include_context", None)
            _walk(included.routes, prefix + str(getattr(context, "prefix", "") or ""), found)
        elif isinstance(route, APIRoute | Route) and route.methods:
            found.update((m, prefix + route.path) for m in route.methods if m != "HEAD")
