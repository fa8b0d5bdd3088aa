"""Posts by purpose and theme (docs/figures.md#purposes_and_themes): counts over the participants' event posts
(reposts excepted) that `tweetathon themes apply` classified, in total, per UTC hour and per participant country,
with a few examples of each theme. Pure functions over the scope's rows and the stored labels."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from tweetathon.analysis.scope import ParticipantIndex
from tweetathon.enrich.themes.stored import StoredThemes
from tweetathon.store.event_data import PostRow

Key = tuple[str, str]
EXAMPLES = 3


def participant_rows(rows: Sequence[PostRow], index: ParticipantIndex) -> list[PostRow]:
    """The participants' event posts, reposts excepted (the posts whose purpose and themes count)."""
    return [r for r in rows if r.kind != "repost" and index.of_post(r) is not None]


def _nested(pairs: Sequence[tuple[str, str]]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for (outer, inner), n in sorted(Counter(pairs).items()):
        out.setdefault(outer, {})[inner] = n
    return out


def _country(row: PostRow, index: ParticipantIndex) -> str:
    person = index.of_post(row)
    return (person.country if person else "") or "unknown"


def purposes_and_themes(rows: Sequence[PostRow], index: ParticipantIndex,
                        labels: Mapping[Key, StoredThemes]) -> dict[str, Any]:
    """`posts`: participants' event posts; `classified`: those with stored labels; `purposes` and `themes`:
    posts per purpose and per theme (a post counts once for each of its themes); `per_hour` (ISO UTC hour)
    and `per_country` (the participant's country): posts per purpose."""
    mine = participant_rows(rows, index)
    done = [r for r in mine if r.key in labels]
    purpose = {r.key: labels[r.key].purpose or "none" for r in done}
    country = {r.key: _country(r, index) for r in done}
    return {"posts": len(mine), "classified": len(done),
            "purposes": dict(sorted(Counter(purpose.values()).items())),
            "themes": dict(sorted(Counter(t.theme for r in done for t in labels[r.key].themes).items())),
            "per_hour": _nested([(r.created_at.strftime("%Y-%m-%dT%H:00Z"), purpose[r.key]) for r in done]),
            "per_country": _nested([(country[r.key], purpose[r.key]) for r in done])}


def theme_examples(rows: Sequence[PostRow], index: ParticipantIndex, labels: Mapping[Key, StoredThemes],
                   per_theme: int = EXAMPLES) -> dict[str, list[tuple[Key, str]]]:
    """Up to `per_theme` participants' posts for each theme, the earliest first, each with why it has the
    theme."""
    found: dict[str, list[tuple[Key, str]]] = {}
    for row in participant_rows(rows, index):
        for label in labels[row.key].themes if row.key in labels else ():
            chosen = found.setdefault(label.theme, [])
            if len(chosen) < per_theme:
                chosen.append((row.key, label.why))
    return dict(sorted(found.items()))
