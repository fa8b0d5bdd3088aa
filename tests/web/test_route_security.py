"""Every route of the app, enumerated: the console and non-public API refuse anonymous requests, and every
unsafe request without the session's CSRF token is refused, so a route added later cannot slip through."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient
from itsdangerous import URLSafeTimedSerializer

from tests.web.conftest import SECRET, make_app
from tweetathon.store.store import Store
from tweetathon.web.csp import APP_POLICY, DOCUMENT_POLICY, serialise
from tweetathon.web.csrf import csrf_token
from tweetathon.web.middleware import COOKIE
from tweetathon.web.routes import route_table

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
# The API routes anyone may call: every other /api route must refuse an anonymous caller.
PUBLIC_API = {
    ("GET", "/api/v1/events"), ("GET", "/api/v1/events/{slug}"), ("GET", "/api/v1/events/{slug}/figures"),
    ("GET", "/api/v1/events/{slug}/posts"), ("GET", "/api/v1/events/{slug}/participants"),
}


@pytest.fixture
def app(sqlite_store: Store) -> FastAPI:
    return make_app(sqlite_store)


@pytest.fixture
def anonymous(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://127.0.0.1", follow_redirects=False) as test_client:
        yield test_client


def routes(app: FastAPI) -> list[tuple[str, str]]:
    table = route_table(app)
    assert ("GET", "/events/{slug}") in table and ("GET", "/api/v1/events") in table  # the walk finds them
    return table


def concrete(path: str) -> str:
    return path.replace("{slug}", "poltwt").replace("{day}", "2024-01-04").replace("{", "").replace("}", "")


def session_cookie(values: dict[str, str]) -> str:
    return URLSafeTimedSerializer(SECRET, salt="tweetathon.session").dumps(values)


def refused(status: int, location: str) -> bool:
    return status in (401, 403) or (status in (302, 303, 307) and "/login" in location)


def test_every_admin_and_private_api_route_refuses_anonymous(app: FastAPI, anonymous: TestClient) -> None:
    checked = 0
    for method, path in routes(app):
        private_api = path.startswith("/api/") and (method, path) not in PUBLIC_API
        if not (path.startswith("/admin") or private_api):
            continue
        response = anonymous.request(method, concrete(path))
        assert refused(response.status_code, response.headers.get("location", "")), (method, path)
        checked += 1
    public = {(m, p) for m, p in routes(app) if p.startswith("/api/")} & PUBLIC_API
    assert public == PUBLIC_API, "a public API route listed here no longer exists"
    print(f"{checked} private routes checked")


def _unsafe_routes(app: FastAPI) -> list[tuple[str, str]]:
    return [(m, p) for m, p in routes(app) if m in UNSAFE]


def _assert_csrf_refused(client: TestClient, method: str, path: str) -> None:
    missing = client.request(method, concrete(path), data={"x": "1"})
    assert missing.status_code == 403, (method, path, "no token")
    client.cookies.set(COOKIE, session_cookie({"csrf": "the-right-token"}))
    wrong = client.request(method, concrete(path), data={"csrf_token": "a-wrong-token"})
    assert wrong.status_code == 403, (method, path, "wrong token")
    header = client.request(method, concrete(path), headers={"X-CSRF-Token": "a-wrong-token"})
    assert header.status_code == 403, (method, path, "wrong header")
    client.cookies.clear()


def test_every_unsafe_route_refuses_a_missing_or_wrong_csrf_token(app: FastAPI, anonymous: TestClient) -> None:
    for method, path in _unsafe_routes(app):
        _assert_csrf_refused(anonymous, method, path)


def test_a_route_added_later_is_protected_too(app: FastAPI) -> None:
    """A new form route, added without any thought of CSRF, is refused all the same (the check is app-wide)."""
    calls: list[str] = []

    @app.post("/something-new")
    def something_new() -> dict[str, str]:
        calls.append("ran")
        return {"done": "yes"}

    with TestClient(app, base_url="http://127.0.0.1") as client:
        _assert_csrf_refused(client, "POST", "/something-new")
        assert calls == []
        client.cookies.set(COOKIE, session_cookie({"csrf": "the-right-token"}))
        accepted = client.post("/something-new", data={"csrf_token": "the-right-token"})
    assert accepted.status_code == 200 and calls == ["ran"]


def test_the_policies_forbid_inline_script_framing_and_outside_hosts() -> None:
    app_policy, document = serialise(APP_POLICY), serialise(DOCUMENT_POLICY)
    assert "script-src 'self';" in app_policy and "'unsafe-inline'" not in app_policy
    assert "'unsafe-eval'" not in app_policy and "frame-ancestors 'none'" in app_policy
    assert "script-src 'none'" in document and "frame-ancestors 'none'" in document
    for policy in (APP_POLICY, DOCUMENT_POLICY):
        sources = {s for values in policy.values() for s in values}
        assert all(s.startswith("'") or s == "data:" for s in sources), "no host may be allowed by name"


def test_session_cookie_is_httponly_lax_and_secure_over_https(app: FastAPI) -> None:
    @app.get("/_form")
    def form(request: Request) -> dict[str, str]:
        return {"token": csrf_token(request)}

    with TestClient(app, base_url="http://127.0.0.1") as plain:
        cookie = plain.get("/_form").headers["set-cookie"]
        public = plain.get("/").headers
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    assert "set-cookie" not in public  # a public page starts no session
    with TestClient(app, base_url="https://127.0.0.1") as secure:
        assert "; Secure" in secure.get("/_form").headers["set-cookie"]
