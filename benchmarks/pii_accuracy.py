"""How accurate and how fast is the personal-data checker? Scores it on the labelled live-feed set
(tests/privacy/data: development and held-out parts) and times checking 1,000 drafts.

    .venv/bin/python benchmarks/pii_accuracy.py [--part heldout|dev|all] [--runs 7] [--show-errors]

Accuracy: post recall and precision, span recall (exact type and offsets) and finding precision, overall and per
type (definitions in tests/privacy/scoring.py and docs/privacy-checker.md). Speed: CPU and wall time of checking
1,000 drafts (the set's posts, repeated), median of runs, after the name lists are loaded (the first call's load
is printed apart). Peer in the same run: phonenumbers' PhoneNumberMatcher alone over the same drafts (what a
checker that looked for phone numbers only would cost).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import phonenumbers

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.privacy.labelled import Post, load  # noqa: E402
from tests.privacy.scoring import Score, score  # noqa: E402
from tweetathon.privacy.pii import TYPES, check, preload  # noqa: E402


def posts_of(part: str) -> list[Post]:
    return load("dev") + load("heldout") if part == "all" else load(part)


def print_score(title: str, result: Score) -> None:
    print(f"\n{title}: {result.posts_with_pii} posts with personal data, {sum(result.labels.values())} labels")
    print(f"  post recall {result.post_recall:.3f}   post precision {result.post_precision:.3f}   "
          f"span recall {result.span_recall():.3f}   finding precision {result.finding_precision():.3f}")
    print(f"  {'type':<12} {'labels':>6} {'found':>6} {'span recall':>11} {'findings':>8} {'precision':>9}")
    for kind in TYPES:
        if result.labels[kind] or result.findings[kind]:
            print(f"  {kind:<12} {result.labels[kind]:>6} {result.exact[kind]:>6} {result.span_recall(kind):>11.3f} "
                  f"{result.findings[kind]:>8} {result.finding_precision(kind):>9.3f}")


def timed(function: object, drafts: list[Post], runs: int) -> tuple[float, float]:
    """Median CPU and wall seconds of calling `function(post)` over every draft."""
    cpu, wall = [], []
    for _ in range(runs):
        c0, w0 = time.process_time(), time.perf_counter()
        for post in drafts:
            function(post)  # type: ignore[operator]
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return statistics.median(cpu), statistics.median(wall)


def phones_only(post: Post) -> list[object]:
    return list(phonenumbers.PhoneNumberMatcher(post.text, "GB"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--part", choices=("heldout", "dev", "all"), default="all")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--show-errors", action="store_true", help="List missed labels and false findings.")
    args = parser.parse_args()
    started = time.perf_counter()
    preload()
    print(f"loading the name and town lists (once per process): {time.perf_counter() - started:.2f} s")
    parts = ("dev", "heldout") if args.part == "all" else (args.part,)
    for part in parts:
        result = score(load(part), lambda p: check(p.text, lang=p.lang))
        print_score(f"{part} set", result)
        if part == "heldout":
            fresh = [p for p in load(part) if p.id.startswith("fresh-")]
            print_score("of which the fresh batch (ids fresh-; its first measurement: docs/privacy-checker.md)",
                        score(fresh, lambda p: check(p.text, lang=p.lang)))
        if args.show_errors:
            for ident, kind, text in result.misses:
                print(f"    missed {ident} {kind} {text!r}")
            for ident, kind, text in result.false:
                print(f"    false  {ident} {kind} {text!r}")
    pool = posts_of("all")
    drafts = [pool[i % len(pool)] for i in range(1000)]
    cpu, wall = timed(lambda p: check(p.text, lang=p.lang), drafts, args.runs)
    peer_cpu, peer_wall = timed(phones_only, drafts, args.runs)
    print(f"\n1,000 drafts, median of {args.runs} runs: checker {cpu:.3f} s CPU, {wall:.3f} s wall "
          f"(target < 1 s); peer phonenumbers matcher alone {peer_cpu:.3f} s CPU, {peer_wall:.3f} s wall")


if __name__ == "__main__":
    main()
