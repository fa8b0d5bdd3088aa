"""A real Bluesky PDS for the tests: installed once by scripts/setup-bluesky-pds.sh (cached outside the repo),
started on free loopback ports with a temporary data directory, stopped by its PID."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from atproto import client_utils

ROOT = Path(__file__).resolve().parents[2]
SETUP = ROOT / "scripts" / "setup-bluesky-pds.sh"
RUNNER = Path(__file__).resolve().parent / "servers" / "run-pds.mjs"
PDS_DIR = Path(os.environ.get("TWEETATHON_PDS_DIR", Path.home() / ".cache" / "tweetathon" / "pds"))


class PdsUnavailable(Exception):
    """Node 22 / the PDS could not be installed here."""


def install() -> None:
    result = subprocess.run(["bash", str(SETUP), str(PDS_DIR)], capture_output=True, text=True, timeout=900)
    if result.returncode != 0:
        raise PdsUnavailable(f"scripts/setup-bluesky-pds.sh failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def run_pds(data_dir: Path) -> Iterator[str]:
    """Start the PDS; yields its base URL (http://127.0.0.1:PORT)."""
    pds_port, plc_port = _free_port(), _free_port()
    env = {**os.environ, "PDS_INSTALL_DIR": str(PDS_DIR), "PDS_PORT": str(pds_port), "PLC_PORT": str(plc_port),
           "PDS_DATA_DIRECTORY": str(data_dir), "LOG_ENABLED": "false"}
    proc = subprocess.Popen([str(PDS_DIR / "node22" / "bin" / "node"), str(RUNNER)], env=env, cwd=PDS_DIR,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{pds_port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise PdsUnavailable(f"the PDS exited: {proc.stdout.read() if proc.stdout else ''}")
            try:
                if httpx.get(url + "/xrpc/_health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            raise PdsUnavailable("the PDS did not answer /xrpc/_health within 60 s")
        yield url
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@dataclass
class Account:
    did: str
    handle: str
    jwt: str


def create_account(base: str, name: str) -> Account:
    r = httpx.post(base + "/xrpc/com.atproto.server.createAccount",
                   json={"handle": f"{name}.test", "email": f"{name}@example.test", "password": "pass-" + name})
    r.raise_for_status()
    body = r.json()
    return Account(body["did"], body["handle"], body["accessJwt"])


def post(base: str, who: Account, text: str, tag: str | None = None,
         reply_to: dict[str, str] | None = None) -> dict[str, str]:
    """Create a post with com.atproto.repo.createRecord; `tag` adds a #tag facet built by TextBuilder."""
    builder = client_utils.TextBuilder().text(text)
    if tag:
        builder.text(" ").tag(f"#{tag}", tag)
    record: dict[str, Any] = {"$type": "app.bsky.feed.post", "text": builder.build_text(),
                              "createdAt": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())}
    facets = [f.model_dump(by_alias=True, exclude_none=True) for f in builder.build_facets()]
    if facets:
        record["facets"] = facets
    if reply_to:
        record["reply"] = {"root": reply_to, "parent": reply_to}
    r = httpx.post(base + "/xrpc/com.atproto.repo.createRecord", headers={"Authorization": f"Bearer {who.jwt}"},
                   json={"repo": who.did, "collection": "app.bsky.feed.post", "record": record})
    r.raise_for_status()
    return {"uri": r.json()["uri"], "cid": r.json()["cid"]}
