"""Self-service registration: the form (with a place preview), its submission and the confirmation link."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from tweetathon.model import PLATFORMS, ROLES
from tweetathon.organise.abuse import HONEYPOT_FIELD
from tweetathon.organise.registration import FIELDS, RegistrationForm, check_registration, confirm, submit
from tweetathon.web import pages
from tweetathon.web.context import WebContext, web_context
from tweetathon.web.templating import render

router = APIRouter(include_in_schema=False)
Context = Annotated[WebContext, Depends(web_context)]
PLATFORM_NAMES = {"x": "X", "mastodon": "Mastodon", "bluesky": "Bluesky"}


def _form_page(request: Request, slug: str, ctx: WebContext, values: dict[str, str], errors: dict[str, str],
               place: str = "", status_code: int = 200) -> HTMLResponse:
    event = pages.load_event(ctx.store, slug)
    return render(request, "register.html.j2", status_code=status_code, event=event, values=values, errors=errors,
                  place=place, platforms=[(p, PLATFORM_NAMES[p]) for p in PLATFORMS], roles=ROLES,
                  honeypot=HONEYPOT_FIELD)


@router.get("/events/{slug}/register", name="register")
def register_form(request: Request, slug: str, ctx: Context) -> HTMLResponse:
    return _form_page(request, slug, ctx, {"role": "agency", "platform": "x"}, {})


def _client(request: Request) -> str:
    return request.client.host if request.client else ""


@router.post("/events/{slug}/register", name="register_submit")
async def register(request: Request, slug: str, ctx: Context) -> HTMLResponse:
    data = {k: str(v) for k, v in (await request.form()).items() if isinstance(v, str)}
    return await _decide(request, slug, ctx, data)


async def _decide(request: Request, slug: str, ctx: WebContext, data: dict[str, str]) -> HTMLResponse:
    form = RegistrationForm.from_mapping(data)
    values = {k: data.get(k, "") for k in FIELDS}
    if data.get("action") == "preview":
        checked = await run_in_threadpool(check_registration, ctx.store, slug, form)
        return _form_page(request, slug, ctx, values, checked.errors, checked.place)
    state = request.app.state
    outcome = await run_in_threadpool(lambda: submit(
        ctx.store, slug, form, mail=ctx.settings.mail, secret=ctx.settings.web.secret_key,
        honeypot=data.get(HONEYPOT_FIELD, ""), client=_client(request), limiter=state.registration_limiter))
    ctx.cache.invalidate()
    if outcome.outcome == "invalid" and outcome.checked is not None:
        return _form_page(request, slug, ctx, values, outcome.checked.errors, outcome.checked.place, 422)
    status = {"submitted": 200, "discarded": 200, "rate_limited": 429, "mail_failed": 503}.get(outcome.outcome, 400)
    return render(request, "message.html.j2", status_code=status, title="Registration", message=outcome.message,
                  links=[(f"/events/{slug}", "Back to the event")])


@router.get("/events/{slug}/register/confirm/{token}", name="register_confirm")
def register_confirm(request: Request, slug: str, token: str, ctx: Context) -> HTMLResponse:
    result = confirm(ctx.store, token, secret=ctx.settings.web.secret_key)
    ctx.cache.invalidate()
    status = 200 if result.outcome in ("confirmed", "already_confirmed") else 400
    return render(request, "message.html.j2", status_code=status, title="Confirm your registration",
                  message=result.message, links=[(f"/events/{slug}", "Back to the event")])
