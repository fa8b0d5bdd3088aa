"""Does capture keep up with a busy filtered stream? Streams N posts at a target rate from the local X API
server and measures how fast they are mapped and committed (SQLite, WAL), and how far capture lags.

    .venv/bin/python benchmarks/capture_speed.py [--posts 5000] [--rate 500]

Peer for comparison, in the same run: parsing the same lines with orjson alone (the floor no capture can beat).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.capture.helpers import add_event, collected_ids  # noqa: E402
from tests.capture.servers.x_server import XWorld, make_tweets, serve_x, start_time  # noqa: E402
from tweetathon.capture.runner import Runner  # noqa: E402
from tweetathon.capture.x_api import XStreamSource  # noqa: E402
from tweetathon.store.store import Store  # noqa: E402

TOKEN = "benchmark-token"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--rate", type=float, default=500.0)
    args = parser.parse_args()
    tweets, users = make_tweets(args.posts, "bench", start_time(), authors=200)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(str(Path(tmp) / "bench.db"))
        capture = add_event(store, "bench", "bench")
        world = XWorld(TOKEN, tweets, users, rate=args.rate)
        with serve_x(world) as url, httpx.Client() as client:
            runner = Runner(capture, [XStreamSource(client, url, TOKEN, ("bench",), "tweetathon:bench")])
            thread = threading.Thread(target=runner.run, daemon=True)
            started = time.perf_counter()
            thread.start()
            while len(collected_ids(store, "x")) < args.posts and time.perf_counter() - started < 600:
                time.sleep(0.2)
            elapsed = time.perf_counter() - started
            runner.stop()
            thread.join()
        captured = len(collected_ids(store, "x"))
        store.close()
    lines = [orjson.dumps({"data": t, "includes": {"users": [users[t["author_id"]]]}}) for t in tweets]
    t0 = time.perf_counter()
    for line in lines:
        orjson.loads(line)
    parse_rate = len(lines) / (time.perf_counter() - t0)
    stream_seconds = args.posts / args.rate
    print(f"posts streamed: {args.posts} at {args.rate:.0f}/s (server needs {stream_seconds:.1f} s)")
    print(f"captured: {captured} in {elapsed:.1f} s -> {captured / elapsed:.0f} posts/s sustained; "
          f"lag at the end {max(0.0, elapsed - stream_seconds):.1f} s")
    print(f"peer (orjson parse only, no mapping or store): {parse_rate:,.0f} lines/s")
    print("keeps up" if captured == args.posts and elapsed < stream_seconds * 1.1 + 2 else "FALLS BEHIND")


if __name__ == "__main__":
    main()
