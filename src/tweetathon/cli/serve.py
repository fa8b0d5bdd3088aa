"""`tweetathon serve`: the web application (public pages, JSON API, organiser console) under uvicorn."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Annotated

import typer

from tweetathon.cli import app
from tweetathon.cli.common import DbOption, err, fail, open_store


@app.command("serve")
def serve_cmd(
    host: Annotated[str, typer.Option(help="Address to listen on. Keep 127.0.0.1 behind a reverse proxy.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes (each opens the database).")] = 1,
    proxy_headers: Annotated[bool, typer.Option(
        "--proxy-headers/--no-proxy-headers", help="Trust X-Forwarded-Proto/-For from --forwarded-allow-ips "
                                                   "(HTTPS seen by the proxy makes cookies Secure).")] = True,
    forwarded_allow_ips: Annotated[str, typer.Option(
        help="Proxies whose X-Forwarded-* headers are trusted (comma-separated).")] = "127.0.0.1",
    config: Annotated[Path | None, typer.Option(
        "--config", envvar="TWEETATHON_CONFIG", help="TOML file with [web] and [mail] sections (secret key, "
                                                     "base URL, SMTP); the environment wins over it.")] = None,
    db: DbOption = None,
) -> None:
    """Serve the web app: the public event pages, the JSON API (/api/v1, /openapi.json) and the organiser
    console. Settings come from the environment (see README: TWEETATHON_SECRET_KEY, TWEETATHON_BASE_URL, SMTP)."""
    import uvicorn

    if db:
        os.environ["TWEETATHON_DB"] = db
    with open_store(db) as store:  # migrate once, here, and fail clearly before any worker starts
        where = store.url
    if config:
        os.environ["TWEETATHON_CONFIG"] = str(config)
    _check_settings(config)
    err.print(f"serving {where} on http://{host}:{port} ({workers} worker(s)); Ctrl+C stops", highlight=False)
    uvicorn.run("tweetathon.web.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                proxy_headers=proxy_headers, forwarded_allow_ips=forwarded_allow_ips, log_level="warning",
                server_header=False)


def _check_settings(config: Path | None) -> None:
    """Fail clearly on a bad setting before any worker starts. Without a secret key anywhere, make a random
    one for this run (sessions and mailed links then end when the server stops) and say so."""
    from tweetathon.capture.credentials import ConfigError
    from tweetathon.web.settings import load_app_settings

    try:
        load_app_settings(config=config)
    except ConfigError as exc:
        if "no secret key" not in str(exc):
            fail(str(exc))
        os.environ["TWEETATHON_SECRET_KEY"] = secrets.token_urlsafe(48)
        err.print("[yellow]note:[/] no secret key set (TWEETATHON_SECRET_KEY or [web] secret_key): a random one "
                  "is used, so sessions and confirmation links end when the server stops", highlight=False)
        try:
            load_app_settings(config=config)
        except ConfigError as again:
            fail(str(again))
