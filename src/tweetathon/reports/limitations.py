"""The "method and limitations" section, generated from the event's own figures: capture gaps, estimated figures
and how they are estimated, detection accuracy, and what the platforms did not give. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tweetathon.reports import impact_format as fmt


def capture(health: Mapping[str, Any]) -> str:
    gaps, waits = list(health.get("gaps") or []), health.get("rate_limit_waits") or {}
    text = (f"Capture: {fmt.count(health.get('import_runs'), 'import run')}, "
            f"{fmt.count(health.get('rejected'), 'record')} rejected as unreadable, "
            f"{fmt.count(len(gaps), 'gap')} where data was expected but none was captured, "
            f"{fmt.count(waits.get('count'), 'rate-limit wait')}.")
    failures = list(health.get("failures") or [])
    if failures:
        text += f" {fmt.count(len(failures), 'capture source')} failed (listed under capture health)."
    if gaps:
        text += " Posts made during a gap are missing from every figure; the gaps are listed under capture health."
    return text


def reach(figures: Mapping[str, Any]) -> str:
    r, imp = figures.get("potential_reach") or {}, figures.get("potential_impressions") or {}
    return ("Estimated: potential reach and potential impressions are theoretical maxima, the follower counts of "
            "the accounts that posted, not people who saw a post; "
            f"{fmt.count(r.get('accounts_unknown'), 'account')} never observed add nothing to reach and "
            f"{fmt.count(imp.get('posts_unknown'), 'post')} by such accounts add nothing to impressions.")


def measured(figures: Mapping[str, Any]) -> str:
    m = figures.get("measured_impressions") or {}
    total = (figures.get("posts") or {}).get("total")
    if m.get("total") is None:
        return "Not given by the platforms: no impression counts (people who actually saw a post) were reported."
    return (f"Measured impressions were reported by the platform for {fmt.number(m.get('posts'))} of "
            f"{fmt.number(total)} event posts only; the others' audience is unknown.")


def detection(figures: Mapping[str, Any]) -> str:
    lang = figures.get("languages") or {}
    und = (lang.get("posts_per_language") or {}).get("und", 0)
    return (f"Detected, not declared: languages are detected from the text by tweetathon (lingua); "
            f"{fmt.count(und, 'post')} too short to tell are 'und', "
            f"{fmt.count(lang.get('not_detected'), 'post')} not detected yet. Public questions are posts with a "
            "question mark that reply to or mention a participant: a question without one is missed, a "
            "rhetorical one is counted; an answer is found only through the reply chain.")


def countries(figures: Mapping[str, Any]) -> str:
    c = figures.get("countries") or {}
    if "public_estimate" not in c:
        return "Countries are those of registered participants; the public's countries are not estimated."
    return (f"Estimated: the public's countries come from profile locations; "
            f"{fmt.count(c.get('public_estimate_unknown'), 'account')} named no country we could recognise.")


def growth(figures: Mapping[str, Any]) -> str:
    g = figures.get("follower_growth") or {}
    return (f"Follower growth is known for {fmt.count(len(g), 'participant account')} observed at least twice "
            "during the event; accounts observed once are left out, and a gain is not proof the event caused it.")


def limitations(figures: Mapping[str, Any], health: Mapping[str, Any]) -> tuple[str, ...]:
    """One plain paragraph per limit, from the figures (`tweetathon figures --json`) and capture health."""
    return (capture(health), reach(figures), measured(figures), detection(figures), countries(figures),
            growth(figures),
            "Outputs and out-takes are what the platforms show; outcomes and impact (a change in behaviour, a "
            "contribution to the organisation's goals) need evidence from outside and appear only as objectives "
            "with a recorded value.")
