"""Figures computed on two cores (a forked worker, account snapshots read meanwhile) are exactly the serial
path's figures, byte for byte; a failing worker falls back to computing its families here."""

from __future__ import annotations

import os
import time
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from tests.analysis.scenario import build, set_languages
from tweetathon import analysis
from tweetathon.analysis import parallel
from tweetathon.analysis.parallel import run_split, worth_forking
from tweetathon.cli import app
from tweetathon.store.store import Store

SERIAL = 10**12  # a threshold no event reaches: the serial path
FORCED = 0  # every event counts as large: the worker computes its share

needs_two_cores = pytest.mark.skipif(not worth_forking(1, 0), reason="needs two cores and the fork start method")


def both_ways(store: Store, slug: str) -> tuple[bytes, bytes]:
    serial = analysis.figures(store, slug, detect_languages=False, min_parallel_posts=SERIAL)
    parallel = analysis.figures(store, slug, detect_languages=False, min_parallel_posts=FORCED)
    return orjson.dumps(serial), orjson.dumps(parallel)


@needs_two_cores
def test_hand_counted_event_same_figures_in_parallel(store: Store) -> None:
    build(store)
    set_languages(store, {"1": "en", "3": "en", "4": "fr", "8": "und"})
    serial, parallel = both_ways(store, "poltwt")
    assert parallel == serial
    assert orjson.loads(parallel)["potential_reach"]["total"] == 710  # observations were read (by the parent)


@needs_two_cores
def test_scope_given_same_figures_in_parallel(store: Store) -> None:
    build(store)
    scope = analysis.event_scope(store, "poltwt")
    serial = analysis.headline_figures(scope, min_parallel_posts=SERIAL)
    assert orjson.dumps(analysis.headline_figures(scope, min_parallel_posts=FORCED)) == orjson.dumps(serial)


@pytest.mark.slow
@needs_two_cores
@pytest.mark.parametrize(("kind", "posts"), [("tweetathon", 6_000), ("chat", 1_500)])
def test_simulated_event_same_figures_in_parallel(tmp_path: Path, kind: str, posts: int) -> None:
    runner, out, db = CliRunner(), tmp_path / kind, tmp_path / "t.db"
    steps = [["simulate", kind, "--out", str(out), "--posts", str(posts), "--seed", "5"],
             ["event", "create", "--from", str(out / "event.json")]]
    for args in steps:
        result = runner.invoke(app, args if args[0] == "simulate" else [*args, "--db", str(db)])
        assert result.exit_code == 0, result.output
    slug = orjson.loads((out / "event.json").read_bytes())["slug"]
    for args in (["participants", "import", str(out / "participants.csv"), "--event", slug],
                 ["participants", "approve", "--all", "--event", slug], ["import", str(out / "data")]):
        assert runner.invoke(app, [*args, "--db", str(db)]).exit_code == 0
    with Store.open(str(db)) as store:
        serial, parallel = both_ways(store, slug)
    assert parallel == serial
    figures = orjson.loads(parallel)
    assert figures["network"]["links"] > 0 and figures["potential_impressions"]["total"] > 0


@needs_two_cores
def test_worker_runs_in_another_process() -> None:
    results = run_split({"pid": os.getpid}, lambda: {"own": os.getpid}, parallel=True)
    assert results["own"] == os.getpid() and results["pid"] != os.getpid()


@needs_two_cores
def test_failing_worker_falls_back_to_serial() -> None:
    here = os.getpid()

    def dies_in_worker() -> str:
        if os.getpid() != here:
            os._exit(3)  # the worker dies without a word
        return "computed here"

    def raises_in_worker() -> str:
        if os.getpid() != here:
            raise MemoryError
        return "also computed here"

    results = run_split({"a": dies_in_worker}, lambda: {"b": lambda: 2}, parallel=True)
    assert results == {"a": "computed here", "b": 2}
    results = run_split({"a": raises_in_worker}, lambda: {"b": lambda: 2}, parallel=True)
    assert results == {"a": "also computed here", "b": 2}


@needs_two_cores
def test_stuck_worker_is_given_up(monkeypatch: pytest.MonkeyPatch) -> None:
    here = os.getpid()
    monkeypatch.setattr(parallel, "WAIT_FACTOR", 0.0)
    monkeypatch.setattr(parallel, "WAIT_SLACK_SECONDS", 1.0)

    def stuck_in_worker() -> str:
        if os.getpid() != here:
            time.sleep(120)  # as a worker waiting on a lock no thread will release
        return "computed here"

    started = time.perf_counter()
    assert run_split({"a": stuck_in_worker}, lambda: {}, parallel=True) == {"a": "computed here"}
    assert time.perf_counter() - started < 30
