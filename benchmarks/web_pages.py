"""Latency of the public pages and the figures API under load: p50/p95 per page, 50 concurrent clients.

    .venv/bin/python benchmarks/web_pages.py                       # the simulated 48,000-post #poltwt
    .venv/bin/python benchmarks/web_pages.py --workers 2 --seconds 10
    .venv/bin/python benchmarks/web_pages.py --big                  # a 1,000,000-post store (slow to build)

Once, into ~/.cache/tweetathon/bench-web/ (outside the repository): `tweetathon simulate tweetathon` (48k
posts), event create, participants import and approve, import, the report published and the languages
detected. Then `tweetathon serve` runs as a subprocess on 127.0.0.1 and a Python load client (asyncio, a
minimal HTTP/1.1 keep-alive connection per client) keeps 50 requests in flight against one page at a time, for
--seconds each (bounded in time), after one warm-up request per page (its time is printed as "first": the cold
cost a cache hides afterwards). The server's CPU time (user + system, all workers) is printed beside the wall
time, and per request (what a page costs the server whatever else the machine runs). The peer in the same run:
the same server answering a small static file (/static/app.css), the floor of what any page can cost here.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx  # only to wait for the server to answer

CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tweetathon" / "bench-web"
BIN = Path(sys.executable).parent / "tweetathon"
PAGES = ("/static/app.css", "/", "/events/poltwt", "/events/poltwt?zone=Asia/Tokyo", "/events/poltwt/map",
         "/events/poltwt/list.csv", "/events/poltwt/calendar.ics", "/events/poltwt/participants.geojson",
         "/events/poltwt/report", "/api/v1/events/poltwt/figures", "/api/v1/events/poltwt/posts?limit=100")


def run(*args: str, db: Path) -> None:
    subprocess.run([str(BIN), *args], check=True, env={**os.environ, "TWEETATHON_DB": str(db)},
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def build(folder: Path, posts: int) -> Path:
    """The simulated event imported into SQLite (once; kept in `folder`)."""
    db = folder / "tweetathon.db"
    done = folder / "ready"
    if done.exists():
        return db
    folder.mkdir(parents=True, exist_ok=True)
    db.unlink(missing_ok=True)
    sim = folder / "poltwt"
    print(f"building the {posts:,}-post store in {folder} (once)...", flush=True)
    subprocess.run([str(BIN), "simulate", "tweetathon", "--out", str(sim), "--posts", str(posts), "--seed", "1"],
                   check=True, stdout=subprocess.DEVNULL)
    run("event", "create", "--from", str(sim / "event.json"), db=db)
    run("participants", "import", str(sim / "participants.csv"), "--event", "poltwt", db=db)
    run("participants", "approve", "--all", "--event", "poltwt", db=db)
    run("import", str(sim / "data"), "--event", "poltwt", db=db)
    run("figures", "--event", "poltwt", "--json", db=db)  # detects and stores the languages
    run("publish", "report", "--event", "poltwt", db=db)
    done.touch()
    return db


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(db: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TWEETATHON_SECRET_KEY": secrets.token_urlsafe(48)}
    server = subprocess.Popen([str(BIN), "serve", "--db", str(db), "--port", str(port), "--workers", str(workers)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/static/app.css", timeout=1)
            return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start within 60 s")


def cpu_seconds(pid: int) -> float:
    """User + system CPU of the process group led by `pid` (the server and its workers), from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pid:  # fields[2] is the process group id
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


@dataclass
class Result:
    page: str
    first: float
    times: list[float]
    errors: int
    wall: float
    cpu: float

    def row(self) -> str:
        ordered = sorted(self.times)
        p50 = statistics.median(ordered) if ordered else float("nan")
        p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] if ordered else float("nan")
        return (f"{self.page:<44} {self.first * 1000:>8.0f} {p50 * 1000:>8.1f} {p95 * 1000:>8.1f} "
                f"{len(self.times) / self.wall:>8.1f} {self.cpu:>7.1f} "
                f"{1000 * self.cpu / max(len(self.times), 1):>9.2f} {self.errors:>6}")


class Connection:
    """A minimal HTTP/1.1 keep-alive client on one socket (GET only, Content-Length bodies): light enough that
    fifty of them in one Python process measure the server, not the client."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                      if line.lower().startswith(b"content-length:"))
        await self.reader.readexactly(length)
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def load(port: int, page: str, clients: int, seconds: float, pid: int) -> Result:
    warm = Connection(port)
    started = time.perf_counter()
    errors = int(await warm.get(page) != 200)
    first_time = time.perf_counter() - started
    warm.close()
    times: list[float] = []
    stop = time.perf_counter() + seconds
    cpu_before = cpu_seconds(pid)

    async def one_client() -> None:
        nonlocal errors
        connection = Connection(port)
        while time.perf_counter() < stop:
            began = time.perf_counter()
            status = await connection.get(page)
            times.append(time.perf_counter() - began)
            errors += int(status != 200)
        connection.close()

    began = time.perf_counter()
    await asyncio.gather(*(one_client() for _ in range(clients)))
    wall = time.perf_counter() - began
    return Result(page, first_time, times, errors, wall, cpu_seconds(pid) - cpu_before)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=8.0, help="load time per page")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--big", action="store_true", help="a 1,000,000-post store instead of 48,000")
    args = parser.parse_args()
    posts = 1_000_000 if args.big else 48_000
    db = build(CACHE / f"posts-{posts}", posts)
    port = free_port()
    server = serve(db, port, args.workers)
    try:
        print(f"{posts:,} posts, {args.clients} concurrent clients, {args.seconds:g} s a page, "
              f"{args.workers} worker(s), {os.cpu_count()} cores")
        print(f"{'page':<44} {'first ms':>8} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8} {'cpu s':>7} "
              f"{'cpu ms/req':>9} {'errors':>6}")
        for page in PAGES:
            result = asyncio.run(load(port, page, args.clients, args.seconds, server.pid))
            print(result.row(), flush=True)
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
