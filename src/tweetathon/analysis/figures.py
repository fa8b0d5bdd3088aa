"""The headline figures of an event, assembled in the JSON shape of docs/figures.md#json-shape."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tweetathon.analysis.accounts import country_figure, participant_counts
from tweetathon.analysis.chat import answer_counts, assign_answers, detect_questions
from tweetathon.analysis.health import capture_health
from tweetathon.analysis.languages import language_figure
from tweetathon.analysis.network import scope_network
from tweetathon.analysis.parallel import run_split, worth_forking
from tweetathon.analysis.posts import post_counts
from tweetathon.analysis.questions import public_questions
from tweetathon.analysis.reach import follower_growth, measured_impressions, potential_impressions, potential_reach
from tweetathon.analysis.scope import Scope
from tweetathon.analysis.timing import peak, posts_per_hour
from tweetathon.organise.windows import Window

# Figure id (the anchor in docs/figures.md) and a short label, in the order figures are shown.
DEFINITIONS: dict[str, str] = {
    "posts": "posts", "participants": "participants", "languages": "languages", "countries": "countries",
    "potential_reach": "potential reach (theoretical maximum)", "potential_impressions": "potential impressions",
    "measured_impressions": "measured impressions", "follower_growth": "follower growth",
    "public_questions": "public questions", "peak": "peak", "posts_per_hour": "posts per hour",
    "answers_per_question": "answers per question (chats)", "network": "interaction network",
    "capture_health": "capture health", "baseline": "event against baseline",
    "purposes_and_themes": "purposes and themes", "feedback": "residents' feedback",
}


def answers_per_question(scope: Scope) -> dict[str, dict[str, int]]:
    """Per chat session (key: its local date) and host question `Qn`: the number of answers, as
    `tweetathon.analysis.chat.assign_answers` groups them. `{}` for events that are not chats."""
    if scope.data.event.kind != "chat":
        return {}
    out: dict[str, dict[str, int]] = {}
    rows = sorted({r.key: r for r in scope.data.posts}.values(), key=lambda r: (r.created_at, r.post_id))
    for session in scope.data.sessions:
        if not session.host:
            continue
        window = Window(session.starts_at, session.ends_at)
        questions = detect_questions(rows, session.host, window)
        out[session.session_date] = answer_counts(assign_answers(rows, session.host, questions, window))
    return out


# Families computed by the worker when figures are computed on two cores (`tweetathon.analysis.parallel`):
# about half of the work on a large event, none of it needing account observations (see `headline_figures`).
WORKER_FAMILIES = ("network", "public_questions", "countries", "posts", "participants", "languages")


def headline_figures(scope: Scope, zone: str | None = None, *, min_parallel_posts: int | None = None,
                     complete: Callable[[], Scope] | None = None) -> dict[str, Any]:
    """Every figure of docs/figures.md for the event, keyed by figure id; `zone` (default: the organiser's)
    is the zone the peak is also shown in.

    Large events (more read posts than `min_parallel_posts`, default `parallel.PARALLEL_MIN_POSTS`) are computed
    on two cores when there are two; the figures are the same. `complete`, when given, returns `scope` with its
    account observations read (`scope` has none yet): it is called while the worker computes the families that
    need none of them."""
    parallel = worth_forking(len(scope.data.posts), min_parallel_posts)
    if complete is not None and not parallel:
        scope, complete = complete(), None
    first = family_tasks(scope, zone)

    def own_tasks() -> dict[str, Callable[[], Any]]:
        tasks = family_tasks(complete() if complete is not None else scope, zone)
        return {k: t for k, t in tasks.items() if k not in WORKER_FAMILIES}

    results = run_split({k: first[k] for k in WORKER_FAMILIES}, own_tasks, parallel)
    return {"event": scope.data.event.slug, **{k: results[k] for k in first}}


def family_tasks(scope: Scope, zone: str | None = None) -> dict[str, Callable[[], Any]]:
    """Each figure family of `headline_figures` as a call without arguments, keyed by figure id, in the order
    figures are shown."""
    data, posts, index = scope.data, scope.event_posts, scope.index
    shown_in = zone or data.event.zone or "UTC"
    return {
        "posts": lambda: post_counts(posts),
        "participants": lambda: participant_counts(posts, index),
        "languages": lambda: language_figure(posts),
        "countries": lambda: country_figure(posts, index, data.account_locations),
        "potential_reach": lambda: potential_reach(posts, data.observations, index, scope.windows),
        "potential_impressions": lambda: potential_impressions(posts, data.observations),
        "measured_impressions": lambda: measured_impressions(posts),
        "follower_growth": lambda: follower_growth(data.observations, index, scope.windows),
        "public_questions": lambda: public_questions(scope),
        "peak": lambda: peak(posts, shown_in),
        "posts_per_hour": lambda: posts_per_hour(posts),
        "answers_per_question": lambda: answers_per_question(scope),
        "network": lambda: scope_network(scope),
        "capture_health": lambda: capture_health(data.health, data.rejects, data.runs),
    }
