"""Every router of the app, in one list: a new page family is one module here and one line below."""

from __future__ import annotations

from fastapi import APIRouter

from tweetathon.web.routes import api, public

ROUTERS: tuple[APIRouter, ...] = (public.router, api.router)
