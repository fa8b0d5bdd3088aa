"""Randomness helpers: the daily rhythm of a police account, Poisson counts, response delays."""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

# Relative posting intensity by local clock hour: quiet at night, a burst at the 08:00 start, busy
# mid-morning and afternoon, a smaller evening peak.
HOUR_WEIGHTS: tuple[float, ...] = (0.20, 0.12, 0.08, 0.06, 0.06, 0.10, 0.25, 0.55, 2.20, 1.90, 1.80, 1.60,
                                   1.40, 1.50, 1.70, 1.60, 1.40, 1.20, 1.00, 1.00, 0.90, 0.70, 0.50, 0.30)


def local_hour(t: float, zone: str) -> int:
    return datetime.fromtimestamp(t, UTC).astimezone(ZoneInfo(zone)).hour


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw: exact for small means, a rounded normal approximation for large ones."""
    if mean <= 0:
        return 0
    if mean > 60:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k


def response_delay(rng: random.Random) -> int:
    """Seconds before a police account answers a question: minutes to hours (log-normal, median ~25 min)."""
    return int(min(8 * 3600, max(45.0, rng.lognormvariate(math.log(1500), 1.1))))


def slice_seconds(span: float, posts: int, per_slice: int = 150) -> int:
    """The length of one collection poll so that a poll brings about `per_slice` posts."""
    return int(min(600, max(4, span * per_slice / max(1, posts))))
