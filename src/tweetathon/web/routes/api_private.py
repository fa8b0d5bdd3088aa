"""The API's routes for token holders (Authorization: Bearer, `tweetathon token add`): pending registrations
with their contact, and approving one. Every route here carries `require_token`; the router says so once."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from tweetathon.auth.tokens import Token
from tweetathon.organise import moderation
from tweetathon.web import console
from tweetathon.web.api_models import DecisionOut, Problem, RegistrationOut
from tweetathon.web.auth import require_token
from tweetathon.web.context import WebContext, web_context
from tweetathon.web.routes.api import event_or_404

DENIED: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "No valid API token."},
    403: {"model": Problem, "description": "The token's role is too low."},
    404: {"model": Problem, "description": "No such event."}}
router = APIRouter(prefix="/api/v1", tags=["token"], dependencies=[Depends(require_token("viewer"))],
                   responses=DENIED)
Context = Annotated[WebContext, Depends(web_context)]


@router.get("/events/{slug}/registrations", response_model=list[RegistrationOut],
            summary="Pending registrations with their contact (editor token)")
def registrations(slug: str, ctx: Context, token: Annotated[Token, Depends(require_token("editor"))]
                  ) -> list[RegistrationOut]:
    event_or_404(ctx, slug)
    return [RegistrationOut(platform=r.participant.platform, handle=r.participant.handle, agency=r.participant.agency,
                            role=r.participant.role, city=r.participant.city, country=r.participant.country,
                            zone=r.participant.zone, email=r.email, confirmed=r.confirmed,
                            submitted_at=r.submitted_at) for r in console.pending(ctx.store, slug)]


@router.post("/events/{slug}/registrations/{platform}/{handle}/approve", response_model=DecisionOut,
             summary="Approve a registration (editor token); the registrant is mailed")
def approve(slug: str, platform: str, handle: str, ctx: Context,
            token: Annotated[Token, Depends(require_token("editor"))]) -> DecisionOut:
    event_or_404(ctx, slug)
    mail = ctx.settings.mail if ctx.settings.mail.configured else None
    decision = moderation.approve(ctx.store, slug, platform, handle, actor=f"token:{token.name}", mail=mail)
    ctx.cache.invalidate()
    return DecisionOut(platform=decision.platform, handle=decision.handle, outcome=decision.outcome,
                       mailed=decision.mailed, message=decision.message)
