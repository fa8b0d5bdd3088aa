"""The report's content for PowerPoint and Word: the same summary, objectives, stages, limits and learning as the
HTML evaluation sections (`reports/evaluation.py`), as plain lines, so that every format carries the same
figures. Pure; `render_office.py` writes the files.

Each figure is one line "Label: value" (the value as the HTML report writes it). Each stage of the evaluation
cycle has the chart that belongs to it (outputs: posts per hour; out-takes: response times, else follower
growth), drawn to PNG from the report's Vega-Lite specs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tweetathon.reports.evaluation import Evaluation
from tweetathon.reports.impact import ImpactReport

STAGE_CHARTS: dict[str, tuple[str, ...]] = {"output": ("hours_local", "hours_utc"),
                                            "out-take": ("responses", "growth")}


@dataclass(frozen=True, slots=True)
class Block:
    """One slide / one section: a heading, a note, lines of text and optionally one chart (PNG)."""

    heading: str
    note: str
    lines: tuple[str, ...]
    chart: bytes | None = None


def _summary(report: ImpactReport, ev: Evaluation) -> Block:
    lines = tuple(f"{s.label}: {s.shown}" + (f" ({s.detail})" if s.detail else "")
                  + (f"; {s.change}" if s.change else "") for s in ev.summary)
    return Block("Summary", f"A {ev.layout}. {report.window}.", lines)


def _objectives(ev: Evaluation) -> Block:
    lines = tuple(f"{o.result.objective.statement or o.result.label}: {o.actual} (target {o.target}): {o.status}"
                  for o in ev.objectives) or ("No objectives were set for this event.",)
    return Block("Objectives", "Met: target reached; partly: at least 75% of the way; not measured: the figure "
                 "is unknown; not due: the deadline is ahead.", lines)


def _baseline(ev: Evaluation) -> tuple[Block, ...]:
    if not ev.baseline:
        return ()
    lines = tuple(f"{b.label}: {b.event} (baseline {b.baseline}, difference {b.difference})"
                  for b in ev.baseline_total)
    return (Block("Against an ordinary period", "All participants, per day: the event against the baseline "
                  "period.", lines),)


def _stage(ev: Evaluation, index: int, charts: Mapping[str, bytes]) -> Block:
    st = ev.stages[index]
    lines = [f"{label}: {value}" for label, value, _ in st.figures]
    lines += [f"Objective: {o.result.objective.statement or o.result.label}: {o.actual} (target {o.target}): "
              f"{o.status}" for o in st.objectives]
    if st.level == "input":
        lines = [*ev.inputs.split("\n\n"), *lines] if ev.inputs else ["The inputs were not stated.", *lines]
    if st.level in ("outcome", "impact") and not lines:
        lines = [f"Not measured: no {st.level} objective with a value from outside the platforms."]
    chart = next((charts[c] for c in STAGE_CHARTS.get(st.level, ()) if c in charts), None)
    return Block(st.name, st.question, tuple(p.strip() for p in lines if p.strip()), chart)


def blocks(report: ImpactReport, charts: Mapping[str, bytes]) -> tuple[Block, ...]:
    """Summary, objectives, one block per stage (with its chart), method and limitations, learning."""
    ev = report.evaluation
    if ev is None:
        raise ValueError("the report has no evaluation: call reports.evaluation.with_evaluation first")
    stages = tuple(_stage(ev, i, charts) for i in range(len(ev.stages)))
    learning = tuple(p.strip() for p in ev.learning.split("\n\n") if p.strip()) or ("Not written yet.",)
    return (_summary(report, ev), _objectives(ev), *_baseline(ev), *stages,
            Block("Method and limitations", "", ev.limitations), Block("Learning", "", learning))


def chart_pngs(report: ImpactReport) -> dict[str, bytes]:
    """The charts the stages use, as PNG (vl-convert, twice the size for sharp slides)."""
    import vl_convert

    from tweetathon.reports.charts import report_specs

    wanted = {name for names in STAGE_CHARTS.values() for name in names}
    return {name: bytes(vl_convert.vegalite_to_png(spec, scale=2))
            for name, spec in report_specs(report).items() if name in wanted}
