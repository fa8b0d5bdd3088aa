"""The organiser's live dashboard: the public one plus the questions waiting for an answer and the capture
health details, names shown (signed-in users only, as every /admin route)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from sse_starlette.sse import EventSourceResponse

from tweetathon.auth.users import User
from tweetathon.live.hub import LiveHub
from tweetathon.live.state import LiveState
from tweetathon.web.auth import require_user
from tweetathon.web.context import WebContext, web_context
from tweetathon.web.live import live_hub, live_page
from tweetathon.web.routes.admin import admin_router
from tweetathon.web.routes.live import LastEventId, WallQuery, ZoneQuery, stream_of, template_of
from tweetathon.web.templating import render

router = admin_router()
Context = Annotated[WebContext, Depends(web_context)]
Hub = Annotated[LiveHub[LiveState], Depends(live_hub)]
Viewer = Annotated[User, Depends(require_user("viewer"))]


@router.get("/events/{slug}/live", name="admin_live")
def admin_live(request: Request, slug: str, ctx: Context, hub: Hub, user: Viewer, zone: ZoneQuery = None,
               wall: WallQuery = False) -> HTMLResponse:
    page = live_page(ctx, hub, slug, "admin", zone, wall)
    return render(request, template_of("admin", wall), page=page, user=user)


@router.get("/events/{slug}/live/stream", name="admin_live_stream")
async def admin_live_stream(request: Request, slug: str, ctx: Context, hub: Hub, user: Viewer,
                            last_event_id: LastEventId = None) -> EventSourceResponse:
    return await stream_of(request, ctx, hub, slug, "admin", last_event_id)
