"""CSRF protection: a random token per session, put in every form, checked on every unsafe request.

`verify_csrf` is a dependency of the whole app (see `app.py`), so no route can forget it. It passes safe
methods (GET, HEAD, OPTIONS) and API calls that carry an `Authorization: Bearer` token (those are checked by
the API's token dependency and carry no cookie). Anything else must send the session's token as the form
field `csrf_token` or the `X-CSRF-Token` header, or it is refused with 403.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import HTTPException, Request

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
FIELD = "csrf_token"
HEADER = "x-csrf-token"
SESSION_KEY = "csrf"


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made on first use (which starts the session cookie)."""
    token = request.session.get(SESSION_KEY)
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        request.session[SESSION_KEY] = token
    return token


def _token_api_call(request: Request) -> bool:
    return request.url.path.startswith("/api/") and request.headers.get("authorization", "").startswith("Bearer ")


async def _sent_token(request: Request) -> str:
    header = request.headers.get(HEADER)
    if header:
        return header
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        value = (await request.form()).get(FIELD)
        return value if isinstance(value, str) else ""
    return ""


async def verify_csrf(request: Request) -> None:
    """Refuse (403) an unsafe request whose CSRF token is missing or not this session's."""
    if request.method in SAFE_METHODS or _token_api_call(request):
        return
    expected = request.session.get(SESSION_KEY)
    sent = await _sent_token(request)
    if not (isinstance(expected, str) and expected and hmac.compare_digest(sent.encode(), expected.encode())):
        raise HTTPException(status_code=403, detail="The form had expired or did not come from this site. "
                                                    "Go back, reload the page and send it again.")
