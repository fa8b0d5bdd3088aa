"""The reads the evaluation needs beyond the figures: how each participant account is shown (display name and
handle, never `x:id:...`)."""

from __future__ import annotations

from sqlalchemy import func, select

from tweetathon.store.schema import accounts, events, participants
from tweetathon.store.store import Store


def display_names(store: Store, slug: str) -> dict[str, str]:
    """Participant key ('x:gmpolice', handle lower-case) -> 'Greater Manchester Police (@gmpolice)': the agency
    registered, else the account's latest known name, else the handle alone."""
    query = (select(participants.c.platform, participants.c.handle, participants.c.agency, accounts.c.name)
             .join(events, events.c.id == participants.c.event_id)
             .outerjoin(accounts, (accounts.c.platform == participants.c.platform)
                        & (func.lower(accounts.c.handle) == func.lower(participants.c.handle)))
             .where(events.c.slug == slug))
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    out: dict[str, str] = {}
    for platform, handle, agency, name in rows:
        who = (agency or name or "").strip()
        out[f"{platform}:{handle.lower()}"] = f"{who} (@{handle})" if who else f"@{handle}"
    return out
