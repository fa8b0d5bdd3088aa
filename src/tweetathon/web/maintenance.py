"""Daily upkeep while the server runs: the events' retention periods are applied once at start-up and then every
24 hours (issue: retention "run by the server daily"). Each worker runs it; applying retention twice purges
nothing new, and every purge is logged by `store.purge` itself (`tweetathon retention log`)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from tweetathon.store.purge import apply_retention
from tweetathon.store.store import Store

DAY = 24 * 3600.0
log = logging.getLogger("tweetathon.web")


async def apply_retention_daily(store: Store, every: float = DAY) -> None:
    """Apply retention now and then every `every` seconds until cancelled; a failure is logged, never fatal."""
    while True:
        try:
            for result in await asyncio.to_thread(apply_retention, store):
                log.info("retention: %s posts of the public purged for %s", result.posts, result.event)
        except Exception:  # upkeep must never stop the server; the next day tries again
            log.exception("retention could not be applied")
        await asyncio.sleep(every)


@asynccontextmanager
async def upkeep(app: FastAPI) -> AsyncIterator[None]:
    """The app's lifespan: the daily retention task runs beside the server and is cancelled at shutdown."""
    task = asyncio.create_task(apply_retention_daily(app.state.web.store))
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
