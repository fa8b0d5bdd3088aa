"""What routes share: the store, the per-state cache and the settings, kept on the app and handed to routes
through `Depends(web_context)`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from fastapi import Request

from tweetathon.store.store import Store
from tweetathon.web.cache import StateCache
from tweetathon.web.settings import AppSettings


@dataclass(frozen=True, slots=True)
class WebContext:
    store: Store
    cache: StateCache
    settings: AppSettings

    @staticmethod
    def now() -> datetime:
        return datetime.now(UTC)


def web_context(request: Request) -> WebContext:
    context: WebContext = request.app.state.web
    return context
