"""Who is asking: the signed-in console user (session) or an API token (Authorization: Bearer).

`require_user(role)` guards every /admin route (the admin router carries it, so no route can forget it): an
anonymous GET is sent to the login page, any other anonymous request gets 403, a user below `role` gets 403.
`require_token(role)` guards the API's non-public routes: no or a bad token is 401, a token below `role` 403.
A session names the user and the time their password last changed: changing the password ends old sessions.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from urllib.parse import quote

from fastapi import Depends, HTTPException, Request

from tweetathon.auth.tokens import Token, verify_token
from tweetathon.auth.users import User, get_user, has_role
from tweetathon.web.context import WebContext, web_context
from tweetathon.web.csrf import SESSION_KEY


class LoginRequired(Exception):
    """An anonymous visitor asked for a console page: the app redirects to /login?next=..."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


def _stamp(user: User) -> str:
    return user.password_changed_at.isoformat()


def sign_in(request: Request, user: User) -> None:
    """A fresh session (no fixation) naming `user`, with a new CSRF token."""
    request.session.clear()
    request.session["user"] = user.name
    request.session["pw"] = _stamp(user)
    request.session[SESSION_KEY] = secrets.token_urlsafe(32)


def sign_out(request: Request) -> None:
    request.session.clear()


def current_user(request: Request, ctx: WebContext) -> User | None:
    name = request.session.get("user")
    if not isinstance(name, str):
        return None
    user = get_user(ctx.store, name)
    if user is None or request.session.get("pw") != _stamp(user):
        return None
    return user


def require_user(role: str = "viewer") -> Callable[..., User]:
    """A dependency: the signed-in user holding at least `role`."""

    def dependency(request: Request, ctx: WebContext = Depends(web_context)) -> User:
        user = current_user(request, ctx)
        if user is None:
            if request.method in ("GET", "HEAD"):
                raise LoginRequired(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
            raise HTTPException(403, "Sign in first: your session has ended.")
        if not has_role(user, role):
            raise HTTPException(403, f"This needs the {role} role; you are signed in as {user.role}.")
        return user

    return dependency


def login_url(next_path: str) -> str:
    return "/login?next=" + quote(next_path, safe="/")


def require_token(role: str = "viewer") -> Callable[..., Token]:
    """A dependency: a valid API token holding at least `role`."""

    def dependency(request: Request, ctx: WebContext = Depends(web_context)) -> Token:
        header = request.headers.get("authorization", "")
        scheme, _, value = header.partition(" ")
        token = verify_token(ctx.store, value.strip()) if scheme.lower() == "bearer" and value else None
        if token is None:
            raise HTTPException(401, "This needs an API token: send Authorization: Bearer TOKEN "
                                     "(make one with `tweetathon token add`).",
                                headers={"WWW-Authenticate": "Bearer"})
        if not has_role(token, role):
            raise HTTPException(403, f"This needs a token with the {role} role.")
        return token

    return dependency


def safe_next(value: str | None) -> str:
    """Where to go after signing in: a local console path only (never another site)."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/admin"
