"""The live dashboard under load: N concurrent SSE viewers and page loads while posts are imported at a steady
rate into a store that already holds many posts. Prints the delay from commit to event received (p50/p95), the
page's p50/p95, and the server's CPU and memory, for 50 and for 200 viewers in the same run (CPU per viewer).

    .venv/bin/python benchmarks/web_live.py                     # the simulated 48,000-post #poltwt
    .venv/bin/python benchmarks/web_live.py --viewers 200 --compare 50 --rate 500 --seconds 20
    .venv/bin/python benchmarks/web_live.py --big               # a 1,000,000-post store (slow to build)

The store is built once into ~/.cache/tweetathon/bench-web-live/ (outside the repository; as
`benchmarks/web_pages.py` builds its own) and copied for each run. `tweetathon serve` runs as a subprocess on
127.0.0.1. A separate process writes copies of the event's own posts under new ids (each is one more event post) in
batches every 0.1 s at --rate posts/s and reports each commit's time and the posts total it makes. Viewers
(asyncio, httpx) note when each event arrives and the posts total it shows: the delay of a commit is the first
event that shows its total minus the commit time (same machine, same clock). Another client loads the page
meanwhile. Bounded in time (--seconds per phase), loopback only. `shown` is the share of commits that reached the
viewers before the phase ended (the percentiles are over those); `missed` counts viewers whose last event is behind
the last commit.
Targets (issue 13): delay p95 < 2 s, page p95 < 300 ms, CPU per viewer flat.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from multiprocessing.queues import Queue
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.web_pages import CACHE, build, cpu_seconds, free_port, serve

TOTAL = re.compile(rb'"counters":\{"posts":(\d+)')
BATCHES_PER_SECOND = 10


def feed(db: str, rate: int, seconds: float, out: Queue[tuple[float, int]]) -> None:
    """Write copies of the event's posts (new ids) at `rate` posts/s; put (commit time, posts total) per batch,
    the total counted from the event posts in the store when it starts (each copy is one more)."""
    from dataclasses import replace

    from tweetathon.analysis import event_scope
    from tweetathon.model import Post
    from tweetathon.store.store import Store

    store = Store.open(db)
    rows = event_scope(store, "poltwt").event_posts
    size = max(1, rate // BATCHES_PER_SECOND)
    stamp, total, i = f"{int(time.time())}", len(rows), 0
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        began = time.monotonic()
        batch = []
        for _ in range(size):
            r = rows[i % len(rows)]
            batch.append(replace(Post(r.platform, f"{r.post_id}9{stamp}{i}", r.created_at, r.author_id,
                                      r.author_handle, "live benchmark post #poltwt", kind=r.kind, lang=r.lang),
                                 hashtags=tuple(r.hashtags.split()), collected=True))
            i += 1
        store.write_batch(batch)
        total += len(batch)
        out.put((time.time(), total))
        time.sleep(max(0.0, 1 / BATCHES_PER_SECOND - (time.monotonic() - began)))
    out.put((0.0, -1))
    store.close()


@dataclass
class Viewer:
    seen: list[tuple[float, int]] = field(default_factory=list)  # (received at, posts total shown)


async def watch(client: httpx.AsyncClient, viewer: Viewer, stop: float) -> None:
    async with client.stream("GET", "/events/poltwt/live/stream") as response:
        async for line in response.aiter_lines():
            if line.startswith("data:"):
                found = TOTAL.search(line.encode())
                if found:
                    viewer.seen.append((time.time(), int(found.group(1))))
            if time.monotonic() > stop:
                return


async def load_pages(client: httpx.AsyncClient, stop: float, times: list[float]) -> None:
    while time.monotonic() < stop:
        began = time.perf_counter()
        response = await client.get("/events/poltwt/live")
        times.append(time.perf_counter() - began)
        assert response.status_code == 200
        await asyncio.sleep(0.1)


def rss_mb(pid: int) -> float:
    """Resident memory of the server's process group (MB)."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(stat[2]) == pid:
                status = (entry / "status").read_text()
                total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))  # type: ignore[union-attr]
        except (OSError, AttributeError):
            continue
    return total / 1024


def delays(commits: list[tuple[float, int]], viewers: list[Viewer]) -> list[float]:
    """For each commit and viewer: when the viewer first showed the commit's total, minus the commit time."""
    out: list[float] = []
    for viewer in viewers:
        j = 0
        for committed_at, total in commits:
            while j < len(viewer.seen) and viewer.seen[j][1] < total:
                j += 1
            if j < len(viewer.seen):
                out.append(viewer.seen[j][0] - committed_at)
    return out


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile in ms (nan when there is nothing)."""
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


@dataclass
class Phase:
    viewers: int
    posts: int
    delays: list[float]
    pages: list[float]
    cpu: float
    wall: float
    rss: float
    missed: int
    shown: float  # share of (commit, viewer) pairs whose total reached the viewer before the phase ended

    def row(self) -> str:
        per_viewer = self.cpu / self.wall / self.viewers * 1000
        return (f"{self.viewers:>7} {self.posts:>7} {self.shown:>6.0%} {pct(self.delays, 0.5):>8.0f} "
                f"{pct(self.delays, 0.95):>8.0f} {pct(self.pages, 0.5):>8.0f} {pct(self.pages, 0.95):>8.0f} "
                f"{self.cpu:>7.1f} {self.cpu / self.wall:>7.2f} {per_viewer:>9.2f} {self.rss:>7.0f} {self.missed:>6}")


async def phase(base: str, db: str, viewers: int, rate: int, seconds: float, pid: int) -> Phase:
    async with httpx.AsyncClient(base_url=base, timeout=60) as probe:
        start_total = page_total((await probe.get("/events/poltwt/live")).text)
    limits = httpx.Limits(max_connections=viewers + 10, max_keepalive_connections=viewers + 10)
    watchers = [Viewer() for _ in range(viewers)]
    pages: list[float] = []
    commits: Queue[tuple[float, int]] = multiprocessing.get_context("spawn").Queue()
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        stop = time.monotonic() + seconds + 6
        tasks = [asyncio.create_task(watch(client, v, stop)) for v in watchers]
        await asyncio.sleep(3)  # every viewer connected and holding the current state
        cpu_before, began = cpu_seconds(pid), time.monotonic()
        writer = multiprocessing.get_context("spawn").Process(target=feed, args=(db, rate, seconds, commits))
        writer.start()
        page_task = asyncio.create_task(load_pages(client, stop - 3, pages))
        await asyncio.gather(page_task)
        writer.join()
        cpu, wall, rss = cpu_seconds(pid) - cpu_before, time.monotonic() - began, rss_mb(pid)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    done: list[tuple[float, int]] = []
    while (item := commits.get())[1] != -1:
        done.append(item)
    start_total = done[0][1] - max(1, rate // BATCHES_PER_SECOND) if done else start_total
    last = done[-1][1] if done else 0
    print(f"  ({len(done)} commits, events per viewer: {min(len(v.seen) for v in watchers)}-"
          f"{max(len(v.seen) for v in watchers)}, start {start_total}, last {last}, "
          f"shown {max((v.seen[-1][1] for v in watchers if v.seen), default=0)})", file=sys.stderr)
    missed = sum(1 for v in watchers if not v.seen or v.seen[-1][1] < last)
    found = delays(done, watchers)
    return Phase(viewers, last - start_total, found, pages, cpu, wall, rss, missed,
                 len(found) / max(1, len(done) * viewers))


def warm_up(base: str, db: str) -> None:
    """One batch written and waited for: the server's language detector is loaded before anything is timed."""
    before = page_total(httpx.get(base + "/events/poltwt/live", timeout=120).text)
    queue: Queue[tuple[float, int]] = multiprocessing.get_context("spawn").Queue()
    feed(db, BATCHES_PER_SECOND, 0.05, queue)
    deadline = time.monotonic() + 180
    while page_total(httpx.get(base + "/events/poltwt/live", timeout=120).text) == before:
        if time.monotonic() > deadline:
            raise SystemExit("the dashboard did not show a new post within 180 s")
        time.sleep(0.5)


def page_total(html: str) -> int:
    found = re.search(r'data-key="posts" data-value="(\d+)"', html)
    if found is None:
        raise SystemExit("the dashboard page shows no posts counter")
    return int(found.group(1))




def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--viewers", type=int, default=200)
    parser.add_argument("--compare", type=int, default=50, help="the smaller viewer count of the same run")
    parser.add_argument("--rate", type=int, default=500, help="posts imported per second")
    parser.add_argument("--seconds", type=float, default=20.0, help="import time per phase")
    parser.add_argument("--big", action="store_true", help="a 1,000,000-post store instead of 48,000")
    args = parser.parse_args()
    posts = 1_000_000 if args.big else 48_000
    source = build(CACHE.parent / "bench-web-live" / f"posts-{posts}", posts)
    with tempfile.TemporaryDirectory(prefix="web-live-") as tmp:
        db = Path(tmp) / "tweetathon.db"
        shutil.copyfile(source, db)
        port = free_port()
        server = serve(db, port, workers=1)
        try:
            warm_up(f"http://127.0.0.1:{port}", str(db))
            print(f"{posts:,} posts in the store, {args.rate} posts/s imported for {args.seconds:g} s per phase, "
                  f"{os.cpu_count()} cores; delay = commit to event received")
            print(f"{'viewers':>7} {'posts':>7} {'shown':>6} {'d50 ms':>8} {'d95 ms':>8} {'pg50 ms':>8} {'pg95 ms':>8} "
                  f"{'cpu s':>7} {'cpu/s':>7} {'ms/s/vwr':>9} {'rss MB':>7} {'missed':>6}")
            for viewers in (args.compare, args.viewers):
                result = asyncio.run(phase(f"http://127.0.0.1:{port}", str(db), viewers, args.rate, args.seconds,
                                           server.pid))
                print(result.row(), flush=True)
        finally:
            os.killpg(server.pid, 15)
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
