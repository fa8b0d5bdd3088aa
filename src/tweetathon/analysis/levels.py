"""The evaluation level of every figure: where it sits in the UK Government Communication Service Evaluation
Cycle and the AMEC Integrated Evaluation Framework (inputs, outputs, out-takes, outcomes, impact).

One place in code. `docs/figures.md` prints the same level under each figure's heading ("Level: ..."), the
report is organised by these stages, and the report lint (tests/reports/test_report_lint.py) fails the build
when a figure has no level or no definition.

- input: what the organisation spent (people, time, money); the organiser states these with the objectives.
- output: what was produced and who could have seen it (posts, potential reach: a theoretical maximum).
- out-take: what the audience did right away (replies, questions, follows, interactions).
- outcome: a change in the audience (attitudes, behaviour); measured outside the platforms.
- impact: the contribution to the organisation's goals; measured outside the platforms.
- method: not a result of the communication but of the measurement (capture gaps): shown under "method and
  limitations", never as an achievement.
"""

from __future__ import annotations

from typing import Final, Literal

Level = Literal["input", "output", "out-take", "outcome", "impact", "method"]

STAGES: Final[tuple[Level, ...]] = ("input", "output", "out-take", "outcome", "impact")
LEVEL_NAMES: Final[dict[Level, str]] = {
    "input": "Inputs", "output": "Outputs", "out-take": "Out-takes", "outcome": "Outcomes", "impact": "Impact",
    "method": "Method",
}
LEVEL_QUESTIONS: Final[dict[Level, str]] = {
    "input": "What was put in: people, time, money.",
    "output": "What was produced and who could have seen it.",
    "out-take": "What the audience did straight away: replies, questions, follows.",
    "outcome": "What changed in the audience: attitudes, behaviour (evidence from outside the platforms).",
    "impact": "What the event contributed to the organisation's goals (evidence from outside the platforms).",
    "method": "How well the data was captured: the limits of every figure above.",
}

# Figure id (a heading of docs/figures.md) -> level. A figure id with parts of different levels lists the
# exceptions in PART_LEVELS ("id.key").
LEVELS: Final[dict[str, Level]] = {
    "posts": "output",
    "participants": "output",
    "languages": "output",
    "countries": "output",
    "potential_reach": "output",
    "potential_impressions": "output",
    "measured_impressions": "output",
    "follower_growth": "out-take",
    "public_questions": "out-take",
    "peak": "output",
    "posts_per_hour": "output",
    "answers_per_question": "out-take",
    "network": "out-take",
    "capture_health": "method",
    "baseline": "output",
    "purposes_and_themes": "output",
    "feedback": "out-take",
}
PART_LEVELS: Final[dict[str, Level]] = {
    "participants.public_accounts": "out-take",
    "baseline.public_replies_per_day": "out-take",
    "baseline.follower_growth_per_day": "out-take",
    "baseline.engagement_per_post": "out-take",
}


def level_of(path: str) -> Level:
    """The level of a figure (`posts`) or of one of its parts (`participants.public_accounts`); KeyError for a
    figure without a level."""
    return PART_LEVELS.get(path) or LEVELS[path.split(".")[0]]
