"""prefetch: same items in the same order, producer errors surface in the consumer, early stops stop it."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from tweetathon.prefetch import prefetch


def test_yields_everything_in_order() -> None:
    assert list(prefetch(iter(range(1000)), depth=3)) == list(range(1000))


def test_producer_error_is_raised_where_it_happened() -> None:
    def items() -> Iterator[int]:
        yield 1
        yield 2
        raise ValueError("line 3 is broken")

    seen: list[int] = []
    with pytest.raises(ValueError, match="line 3"):
        for item in prefetch(items()):
            seen.append(item)
    assert seen == [1, 2]


def test_consumer_stopping_early_stops_the_producer() -> None:
    produced: list[int] = []

    def items() -> Iterator[int]:
        for n in range(10_000):
            produced.append(n)
            yield n

    for item in prefetch(items(), depth=2):
        if item == 5:
            break
    time.sleep(0.3)
    assert len(produced) <= 5 + 4
    assert not any(t.name == "tweetathon-prefetch" and t.is_alive() for t in threading.enumerate())
