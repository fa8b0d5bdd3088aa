"""The app factory: `create_app(settings)` opens the store and assembles middleware, routes and static files.

    uvicorn --factory tweetathon.web.app:app_from_env     (what `tweetathon serve` runs)
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from tweetathon import __version__
from tweetathon.jobs import fail_orphaned_jobs
from tweetathon.organise.abuse import RateLimiter
from tweetathon.organise.registration import purge_unconfirmed
from tweetathon.store.store import Store
from tweetathon.web import errors
from tweetathon.web.cache import StateCache
from tweetathon.web.context import WebContext
from tweetathon.web.csrf import verify_csrf
from tweetathon.web.maintenance import upkeep
from tweetathon.web.middleware import SecurityHeaders, SignedSessions
from tweetathon.web.routes import ROUTERS
from tweetathon.web.settings import AppSettings, load_app_settings

STATIC = Path(__file__).parent / "static"
DESCRIPTION = ("Read-only JSON over tweetathon's events: the events, an event's defined figures (the same JSON as "
               "`tweetathon figures --json`), its posts (cursor pagination) and its approved participants.")


def create_app(settings: AppSettings | None = None, store: Store | None = None) -> FastAPI:
    """The ASGI app over `store` (default: opened from `settings.db`)."""
    settings = settings or load_app_settings()
    store = store or Store.open(settings.db)
    app = FastAPI(title="tweetathon", version=__version__, description=DESCRIPTION, docs_url=None,
                  redoc_url=None, dependencies=[Depends(verify_csrf)], lifespan=upkeep)
    app.state.web = WebContext(store, StateCache(store), settings)
    app.state.registration_limiter = RateLimiter()
    fail_orphaned_jobs(store)
    purge_unconfirmed(store)
    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    errors.install(app)
    app.add_middleware(SignedSessions, secret_key=settings.secret, secure=settings.secure_cookies)
    app.add_middleware(SecurityHeaders)
    return app


def app_from_env() -> FastAPI:
    """The app as `tweetathon serve` starts it in each worker: settings from the environment."""
    return create_app(load_app_settings(config=Path(os.environ["TWEETATHON_CONFIG"]) if os.environ.get(
        "TWEETATHON_CONFIG") else None))
