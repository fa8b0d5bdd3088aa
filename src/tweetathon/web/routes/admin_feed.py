"""Console: the live-feed composer (`/admin/events/{slug}/feed`). Type a post and see the personal data the
checker finds highlighted as you type (feed.js asks `.../feed/check`); save it as a numbered draft; override a
finding with a reason; a second editor or organiser approves; publish to the configured accounts. Every step goes
through tweetathon.feed (rules, audit log, outbox); this module only reads forms and renders."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import httpx
from fastapi import Depends, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from tweetathon.auth.users import User
from tweetathon.feed import composer, outbox
from tweetathon.feed.checking import check_text
from tweetathon.feed.media import PhotoError
from tweetathon.feed.model import Actor
from tweetathon.feed.publish.base import Publisher
from tweetathon.feed.store import FeedError, FeedStore
from tweetathon.feed.view import draft_view, lengths
from tweetathon.web import pages
from tweetathon.web.auth import require_user
from tweetathon.web.context import WebContext, web_context
from tweetathon.web.routes.admin import admin_router
from tweetathon.web.templating import render

router = admin_router()
Context = Annotated[WebContext, Depends(web_context)]
Viewer = Annotated[User, Depends(require_user("viewer"))]
Editor = Annotated[User, Depends(require_user("editor"))]


class CheckRequest(BaseModel):
    text: str = Field(max_length=5000)


def _actor(user: User) -> Actor:
    return Actor(user.name, user.role)


def _page(request: Request, ctx: WebContext, user: User, slug: str, notice: str = "", problem: str = "",
          status_code: int = 200) -> HTMLResponse:
    event = pages.load_event(ctx.store, slug)
    feed = FeedStore(ctx.store)
    drafts = [{**draft_view(d), "published": feed.outbox(d.id)} for d in reversed(feed.drafts(slug))]
    return render(request, "admin/feed.html.j2", status_code=status_code, user=user, event=event, drafts=drafts,
                  prefix=feed.template(slug), accounts=sorted(ctx.settings.feed_accounts.values(),
                                                             key=lambda a: a.name),
                  notice=notice, problem=problem)


@router.get("/events/{slug}/feed", name="admin_feed")
def feed_page(request: Request, slug: str, ctx: Context, user: Viewer) -> HTMLResponse:
    return _page(request, ctx, user, slug)


@router.post("/events/{slug}/feed/check", name="admin_feed_check")
def feed_check(slug: str, body: CheckRequest, ctx: Context, user: Editor) -> JSONResponse:
    """The findings and lengths of a text being typed (prefix included, as it will be posted)."""
    feed = FeedStore(ctx.store)
    prefix = feed.template(slug).replace("{n}", "0")
    text = f"{prefix} {body.text.strip()}"
    found = [{"type": f.type, "text": f.text, "start": f.start - len(prefix) - 1, "end": f.end - len(prefix) - 1,
              "reason": f.reason} for f in check_text(text, feed.own_handles(slug)) if f.start > len(prefix)]
    return JSONResponse({"findings": found, "lengths": lengths(text)})


def _attempt(request: Request, ctx: WebContext, user: User, slug: str, action: Callable[[FeedStore], Any],
             done: str) -> Response:
    try:
        number = action(FeedStore(ctx.store))
    except (FeedError, PhotoError) as exc:
        return _page(request, ctx, user, slug, problem=str(exc), status_code=422)
    ctx.cache.invalidate()
    return _page(request, ctx, user, slug, notice=done.format(n=number))


@router.post("/events/{slug}/feed", name="admin_feed_draft")
def feed_draft(request: Request, slug: str, ctx: Context, user: Editor,
               body: Annotated[str, Form(max_length=5000)],
               targets: Annotated[list[str] | None, Form()] = None,
               thread: Annotated[str, Form(max_length=3)] = "") -> Response:
    def act(feed: FeedStore) -> int:
        return composer.create(feed, slug, body, _actor(user), targets or [], thread=bool(thread)).number
    return _attempt(request, ctx, user, slug, act, "Post {n} saved as a draft.")


@router.post("/events/{slug}/feed/{number}/override", name="admin_feed_override")
def feed_override(request: Request, slug: str, number: int, ctx: Context, user: Editor,
                  finding: Annotated[str, Form(max_length=500)],
                  reason: Annotated[str, Form(max_length=1000)] = "") -> Response:
    def act(feed: FeedStore) -> int:
        return composer.override(feed, feed.get(slug, number), finding, reason, _actor(user)).number
    return _attempt(request, ctx, user, slug, act, "Post {n}: finding kept, with your reason; it now needs approval.")


@router.post("/events/{slug}/feed/{number}/approve", name="admin_feed_approve")
def feed_approve(request: Request, slug: str, number: int, ctx: Context, user: Editor) -> Response:
    def act(feed: FeedStore) -> int:
        return composer.approve(feed, feed.get(slug, number), _actor(user)).number
    return _attempt(request, ctx, user, slug, act, "Post {n} approved.")


@contextmanager
def _publishers(ctx: WebContext) -> Iterator[Callable[[str], Publisher]]:
    with httpx.Client(timeout=httpx.Timeout(30.0)) as client:
        made: dict[str, Publisher] = {}

        def publisher(name: str) -> Publisher:
            if name not in made:
                made[name] = ctx.settings.feed_accounts[name].publisher(client)
            return made[name]
        yield publisher


@router.post("/events/{slug}/feed/{number}/publish", name="admin_feed_publish")
def feed_publish(request: Request, slug: str, number: int, ctx: Context, user: Editor) -> Response:
    accounts = ctx.settings.feed_accounts
    targets = {n: outbox.Target(n, a.platform, a.limit) for n, a in accounts.items()}

    def act(feed: FeedStore) -> int:
        draft = feed.get(slug, number)
        if draft.status == "draft":
            outbox.request_publish(feed, draft, _actor(user), targets)
        with _publishers(ctx) as publishers:
            results = outbox.send_draft(feed, feed.get(slug, number), publishers)
        failed = [f"{o.item.account}: {o.message}" for o in results if o.result in ("failed", "waiting")]
        if failed:
            raise FeedError(f"post {number} was not published everywhere: " + "; ".join(failed))
        return number
    return _attempt(request, ctx, user, slug, act, "Post {n} published.")


@router.post("/events/{slug}/feed/{number}/delete", name="admin_feed_delete")
def feed_delete(request: Request, slug: str, number: int, ctx: Context, user: Editor,
                reason: Annotated[str, Form(max_length=1000)] = "") -> Response:
    def act(feed: FeedStore) -> int:
        with _publishers(ctx) as publishers:
            outbox.delete_published(feed, feed.get(slug, number), _actor(user), reason, publishers)
        return number
    return _attempt(request, ctx, user, slug, act, "Post {n} deleted on every platform.")
