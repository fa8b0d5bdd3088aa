"""Seed rules: which themes' keywords a text contains, and the keyword that matched (the rule's `why`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from scipy import sparse

from tweetathon.enrich.themes.catalog import BUILT_IN, Theme

RULE_IDS: tuple[str, ...] = tuple(t.id for t in BUILT_IN)


@lru_cache(maxsize=64)
def _pattern(keywords: tuple[str, ...]) -> re.Pattern[str] | None:
    if not keywords:
        return None
    alternatives = "|".join(re.escape(k) for k in sorted(keywords, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})", re.IGNORECASE)


def matches(text: str, themes: Sequence[Theme] = BUILT_IN) -> dict[str, str]:
    """Theme id -> the first keyword of that theme found in `text` (themes without a match left out)."""
    found: dict[str, str] = {}
    for theme in themes:
        pattern = _pattern(theme.keywords)
        hit = pattern.search(text) if pattern else None
        if hit:
            found[theme.id] = hit.group(0).lower().strip()
    return found


def rule_matrix(texts: Sequence[str]) -> sparse.csr_matrix:
    """One column per built-in theme: 1 where the text contains one of its seed keywords."""
    rows = [matches(t) for t in texts]
    dense = np.array([[theme in row for theme in RULE_IDS] for row in rows], dtype=np.float64)
    return sparse.csr_matrix(dense.reshape(len(texts), len(RULE_IDS)))
