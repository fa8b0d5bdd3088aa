"""The report lint: every figure has a level (GCS Evaluation Cycle / AMEC) and a definition, in code and in
docs/figures.md alike; nothing is named or computed like an advertising value equivalent (AVE); potential reach
is always labelled as the theoretical maximum it is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.reports import impact_scenario as scenario
from tweetathon import analysis
from tweetathon.analysis.figures import DEFINITIONS as FIGURE_IDS
from tweetathon.analysis.levels import LEVELS, PART_LEVELS, STAGES
from tweetathon.reports.impact import build_report
from tweetathon.reports.impact_definitions import DEFINITIONS
from tweetathon.reports.render_impact import render_html
from tweetathon.store.store import Store

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "figures.md"
NOT_FIGURES = {"Levels", "Shared", "JSON"}
# An AVE puts money on coverage: a value, cost or rate per audience, or the words themselves.
AVE_WORDS = re.compile(r"\bAVEs?\b|advertising[ _-]value|ad[ _-]?value|media[ _-]value|value[ _-]equivalen|"
                       r"\bcpm\b|cost[ _-]per[ _-](thousand|mille|impression|view)|equivalent[ _-]value|"
                       r"\bEAV\b|earned[ _-]media[ _-]value", re.IGNORECASE)
MONEY_KEYS = re.compile(r"value|cost|price|money|spend|gbp|usd|eur|£|\$|€", re.IGNORECASE)


def docs_figures() -> dict[str, str | None]:
    """Figure id -> its "Level: **x**" line's level (None when the line is missing), from docs/figures.md."""
    found: dict[str, str | None] = {}
    lines = DOCS.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"## (\w+)", line)
        if m and m.group(1) not in NOT_FIGURES:
            level = re.match(r"Level: \*\*([\w-]+)\*\*", lines[i + 1]) if i + 1 < len(lines) else None
            found[m.group(1)] = level.group(1) if level else None
    return found


def test_every_figure_in_the_docs_has_a_level_matching_the_code_and_a_definition() -> None:
    documented = docs_figures()
    assert documented, "docs/figures.md lists no figure"
    for fid, level in documented.items():
        assert level is not None, f"docs/figures.md: figure {fid} has no 'Level: **...**' line under its heading"
        assert LEVELS.get(fid) == level, f"{fid}: level {level!r} in docs, {LEVELS.get(fid)!r} in code"
        assert fid in DEFINITIONS, f"{fid} has no definition in reports/impact_definitions.py"
        assert DEFINITIONS[fid].full.strip(), f"{fid} has an empty definition"


def test_code_registries_and_docs_name_the_same_figures() -> None:
    assert set(FIGURE_IDS) == set(LEVELS) == set(DEFINITIONS) == set(docs_figures())
    for path, level in PART_LEVELS.items():
        assert path.split(".")[0] in LEVELS and level in (*STAGES, "method")


@pytest.fixture
def figures(store: Store) -> dict[str, object]:
    scenario.build(store)
    return analysis.headline_figures(analysis.event_scope(store, "spring"))


def test_every_figure_the_analysis_computes_has_a_level_and_a_definition(figures: dict[str, object]) -> None:
    computed = set(figures) - {"event"}
    assert computed, "no figures computed"
    assert computed <= set(LEVELS), f"figures without a level: {sorted(computed - set(LEVELS))}"
    assert computed <= set(DEFINITIONS), f"figures without a definition: {sorted(computed - set(DEFINITIONS))}"


def _keys(value: object, prefix: str = "") -> list[str]:
    if not isinstance(value, dict):
        return []
    return [k for key, v in value.items() if not re.match(r"^[a-z]+:", str(key))
            for k in (f"{prefix}{key}", *_keys(v, f"{prefix}{key}."))]


def test_no_figure_is_named_like_an_ave(figures: dict[str, object]) -> None:
    for key in _keys(figures):
        assert not AVE_WORDS.search(key) and not MONEY_KEYS.search(key.rsplit(".", 1)[-1]), \
            f"figure {key} is named like an advertising value equivalent"
    for d in DEFINITIONS.values():
        assert not AVE_WORDS.search(f"{d.label} {d.short} {d.full}"), f"{d.id} is defined like an AVE"


def test_no_code_or_template_computes_an_ave() -> None:
    sources = [*(ROOT / "src" / "tweetathon").rglob("*.py"), *(ROOT / "src" / "tweetathon").rglob("*.j2")]
    assert len(sources) > 50
    for path in sources:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            hit = AVE_WORDS.search(line)
            assert hit is None or "avenue" in line, f"{path.relative_to(ROOT)}:{number}: {line.strip()}"


def test_potential_reach_is_always_labelled_the_theoretical_maximum(store: Store) -> None:
    scenario.build(store)
    html = render_html(build_report(store, "spring"))
    text = re.sub(r"<[^>]+>", " ", html)
    mentions = re.findall(r"[Pp]otential reach[^.]{0,60}", text)
    assert mentions
    for mention in mentions:
        assert "theoretical maxim" in mention, f"potential reach without 'theoretical maximum': {mention!r}"
    assert "theoretical maximum" in DEFINITIONS["potential_reach"].label
