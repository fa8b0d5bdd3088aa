"""Jinja2 for the pages: autoescape on (every value from the data is escaped), strict undefined, and the
globals every template uses (the CSRF token for forms, asset URLs with a version for caching)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse

from tweetathon import __version__
from tweetathon.web.csrf import csrf_token

TEMPLATES = Path(__file__).parent / "templates"


def static_url(path: str) -> str:
    """`/static/PATH?v=VERSION`: a new release changes every asset URL, so browsers may cache them long."""
    return f"/static/{path}?v={__version__}"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(static_url=static_url)
    return env


def _no_form() -> str:
    raise RuntimeError("a page rendered for the cache has no form: render it per request instead")


def render_page(template: str, **values: Any) -> str:
    """A public page without forms, as HTML the cache may keep and serve to everyone."""
    return environment().get_template(template).render(request=None, csrf_token=_no_form, **values)


def render(request: Request, template: str, status_code: int = 200, **values: Any) -> HTMLResponse:
    """The page `template` rendered with `values`, the request and a `csrf_token()` for its forms."""
    page = environment().get_template(template).render(
        request=request, csrf_token=lambda: csrf_token(request), **values)
    return HTMLResponse(page, status_code=status_code)
