"""Languages of event posts (docs/figures.md#languages)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from tweetathon.store.event_data import PostRow

UNDETERMINED = "und"
FLOOR = 5


def _sorted(counts: Counter[str]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def language_figure(event_posts: Iterable[PostRow]) -> dict[str, object]:
    """Detected languages of event posts except reposts.

    `count`: distinct languages other than `und`; `count_min5`: languages (not `und`) with at least 5 posts;
    `posts_per_language`: posts per detected language including `und`. Beside them, never mixed in:
    `declared` (posts per language the platform declared) and `not_detected` (posts whose language has not
    been detected yet; `tweetathon languages detect` or `tweetathon figures` fills it).
    """
    detected: Counter[str] = Counter()
    declared: Counter[str] = Counter()
    missing = 0
    for row in event_posts:
        if row.kind == "repost":  # kind_of(row), inlined: this runs per post
            continue
        declared[(row.lang or UNDETERMINED).lower()] += 1
        if row.lang_detected is None:
            missing += 1
        else:
            detected[row.lang_detected] += 1
    real = {lang: n for lang, n in detected.items() if lang != UNDETERMINED}
    return {"count": len(real), "count_min5": sum(1 for n in real.values() if n >= FLOOR),
            "posts_per_language": _sorted(detected), "declared": _sorted(declared), "not_detected": missing}
