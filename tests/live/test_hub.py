"""LiveSource: one computation per change token whatever the number of callers; a page load does not wait
behind a recomputation once a state is held."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from tweetathon.live.hub import LiveSource


class Counting:
    """A slow computation that counts its runs (the token is set by the test)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.runs = 0
        self.token = "a"

    def compute(self, slug: str) -> str:
        self.runs += 1
        time.sleep(self.seconds)
        return f"{slug}@{self.token}"


def test_many_callers_share_one_computation_per_token() -> None:
    work = Counting(0.2)
    source = LiveSource(work.compute, lambda: work.token)
    with ThreadPoolExecutor(20) as pool:
        found = list(pool.map(lambda _: source.current("poltwt"), range(20)))
    assert work.runs == 1 and {state for _, state in found} == {"poltwt@a"}
    work.token = "b"
    with ThreadPoolExecutor(20) as pool:
        found = list(pool.map(lambda _: source.current("poltwt"), range(20)))
    assert work.runs == 2 and {state for _, state in found} == {"poltwt@b"}


def test_recent_answers_from_the_held_state_while_recomputing() -> None:
    work = Counting(1.0)
    source = LiveSource(work.compute, lambda: work.token)
    source.current("poltwt")
    work.token = "b"
    background = threading.Thread(target=source.current, args=("poltwt",))
    background.start()
    time.sleep(0.2)
    began = time.monotonic()
    token, state = source.recent("poltwt")
    assert (token, state) == ("a", "poltwt@a") and time.monotonic() - began < 0.5
    background.join()
    assert source.recent("poltwt") == ("b", "poltwt@b")


def test_callers_that_waited_take_the_result_while_the_store_keeps_changing() -> None:
    work = Counting(0.3)
    ticks = iter(range(1_000_000))
    source = LiveSource(work.compute, lambda: str(next(ticks)))  # a new token at every reading
    source.current("poltwt")
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda _: source.current("poltwt"), range(8)))
    assert work.runs <= 3  # not one computation per caller queued behind each other


def test_recent_keeps_a_young_state_and_recomputes_an_old_one() -> None:
    work = Counting(0.0)
    source = LiveSource(work.compute, lambda: work.token)
    source.current("poltwt")
    work.token = "b"
    assert source.recent("poltwt", max_age=5.0) == ("a", "poltwt@a") and work.runs == 1
    time.sleep(0.3)
    assert source.recent("poltwt", max_age=0.2) == ("b", "poltwt@b") and work.runs == 2
