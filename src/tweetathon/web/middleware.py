"""Two ASGI middlewares: security headers on every response, and the signed session cookie.

The session is a dict signed with the secret key (itsdangerous) in one cookie: HttpOnly, SameSite=Lax, Path=/,
Secure when the request came over HTTPS (directly or, with uvicorn's --proxy-headers, as the proxy says) or
when the settings say always. A cookie is only set when the session changed, so public pages set none.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from http.cookies import SimpleCookie
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tweetathon.web.csp import APP_HEADERS

COOKIE = "tweetathon_session"
MAX_AGE = 8 * 3600


class SecurityHeaders:
    """Add the CSP and the other headers of `csp.APP_HEADERS` to every HTTP response that has none yet."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in APP_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
                if scope.get("scheme") == "https":
                    headers["Strict-Transport-Security"] = "max-age=31536000"
            await send(message)

        await self.app(scope, receive, send_with_headers)


class Session(dict[str, Any]):
    """The session dict; `changed` says whether the cookie must be written again."""

    changed = False

    def __setitem__(self, key: str, value: Any) -> None:
        self.changed = True
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self.changed = True
        super().__delitem__(key)

    def clear(self) -> None:
        self.changed = True
        super().clear()

    def pop(self, key: str, *default: Any) -> Any:
        self.changed = True
        return super().pop(key, *default)


class SignedSessions:
    """Read the signed session cookie into `scope["session"]`; write it back when it changed."""

    def __init__(self, app: ASGIApp, secret_key: str, secure: str = "auto") -> None:
        self.app = app
        self.serializer = URLSafeTimedSerializer(secret_key, salt="tweetathon.session")
        self.secure = secure

    def _load(self, scope: Scope) -> Session:
        raw = _cookie(scope, COOKIE)
        if raw:
            try:
                return Session(self.serializer.loads(raw, max_age=MAX_AGE))
            except (BadSignature, ValueError, TypeError):
                pass
        return Session()

    def _cookie_header(self, scope: Scope, session: Session) -> str:
        secure = self.secure == "always" or (self.secure == "auto" and scope.get("scheme") == "https")
        flags = "; Path=/; HttpOnly; SameSite=Lax" + ("; Secure" if secure else "")
        if not session:
            return f"{COOKIE}=; Max-Age=0{flags}"
        return f"{COOKIE}={self.serializer.dumps(dict(session))}; Max-Age={MAX_AGE}{flags}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        session = self._load(scope)
        scope["session"] = session

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and session.changed:
                MutableHeaders(scope=message).append("Set-Cookie", self._cookie_header(scope, session))
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def _cookie(scope: Scope, name: str) -> str | None:
    headers: MutableMapping[str, str] = {}
    for key, value in scope.get("headers", []):
        if key == b"cookie":
            headers["cookie"] = value.decode("latin-1")
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # a malformed Cookie header is the client's problem: treat it as no cookie
        return None
    morsel = jar.get(name)
    return morsel.value if morsel else None
