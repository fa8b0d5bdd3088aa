"""The impact report's tables, as plain rows: hours, languages, countries, posts, participants, growth, questions.

Pure functions over the figures JSON and the analysis `Scope`. Post text is split into safe segments
(`reports/post_text.py`): the template escapes every piece and only http(s) links ever become links.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tweetathon.analysis.scope import Scope
from tweetathon.privacy.pseudonyms import Pseudonymiser
from tweetathon.reports import impact_format as fmt
from tweetathon.reports.post_text import Segment, profile_url, safe_href, segments
from tweetathon.store.report_data import TopPost


@dataclass(frozen=True, slots=True)
class HourRow:
    utc_iso: str
    utc_label: str
    local_label: str
    posts: int


def hour_rows(per_hour: Mapping[str, int], zone: str) -> tuple[HourRow, ...]:
    """One row per clock hour of `posts_per_hour` (UTC keys), labelled in UTC and in `zone`."""
    rows = []
    for key, n in per_hour.items():
        moment = fmt.parse_utc(key)
        rows.append(HourRow(key, moment.strftime("%a %d %b %H:%M"), fmt.hour_label(moment, zone), int(n)))
    return tuple(rows)


@dataclass(frozen=True, slots=True)
class LanguageRow:
    code: str
    name: str
    detected: int
    declared: int


def language_name(code: str) -> str:
    if code == "und":
        return "undetermined (detected) / not declared (platform)"
    from tweetathon.enrich.language import to_language

    found = to_language(code)
    return found.name.title() if found is not None else code


# Codes of one language under two names (ISO 639-1 'no' Norwegian, which platforms declare, and 'nb' Bokmål,
# which detection gives; the retired 'iw', 'in', 'ji'): shown as one row under the second code.
SAME_LANGUAGE = {"no": "nb", "iw": "he", "in": "id", "ji": "yi"}


def same_codes(counts: Mapping[str, int]) -> dict[str, int]:
    """Counts per language with codes of the same language merged (SAME_LANGUAGE)."""
    out: dict[str, int] = {}
    for code, n in counts.items():
        key = SAME_LANGUAGE.get(code, code)
        out[key] = out.get(key, 0) + int(n)
    return out


def language_rows(languages: Mapping[str, Any]) -> tuple[LanguageRow, ...]:
    """Detected posts per language with the platforms' declared tag count beside, most detected first."""
    detected = same_codes(languages.get("posts_per_language") or {})
    declared = same_codes(languages.get("declared") or {})
    codes = sorted(set(detected) | set(declared), key=lambda c: (-detected.get(c, 0), -declared.get(c, 0), c))
    return tuple(LanguageRow(c, language_name(c), int(detected.get(c, 0)), int(declared.get(c, 0))) for c in codes)


@dataclass(frozen=True, slots=True)
class CountryRow:
    code: str
    name: str
    participants: int
    posts: int


def country_rows(scope: Scope, per: Mapping[str, int]) -> tuple[CountryRow, ...]:
    """Countries of participants who posted: how many participants and how many event posts, most posts first.
    `per` is event posts per participant key (`analysis.posts_per_participant`)."""
    from tweetathon.organise.geocode import country_name

    people: dict[str, int] = {}
    posts: dict[str, int] = {}
    for person in scope.index.people:
        if person.key in per and person.country:
            people[person.country] = people.get(person.country, 0) + 1
            posts[person.country] = posts.get(person.country, 0) + per[person.key]
    order = sorted(people, key=lambda c: (-posts[c], c))
    return tuple(CountryRow(c, country_name(c) or c, people[c], posts[c]) for c in order)


@dataclass(frozen=True, slots=True)
class PostView:
    """`handle` is the handle without '@', or a pseudonym (then `pseudonymised`, and the page shows `shown_id`
    instead of the post's id, which would lead to its author)."""

    platform: str
    post_id: str
    url: str | None
    time: str
    handle: str
    name: str
    profile: str | None
    segments: tuple[Segment, ...]
    likes: str
    reposts: str
    replies: str
    quotes: str
    impressions: str
    engagement: int
    pseudonymised: bool = False
    shown_id: str = ""  # the id the page shows: a pseudonymous one for a post of the public


def post_view(post: TopPost, zone: str, names: Pseudonymiser | None = None) -> PostView:
    """A top post as shown; with `names`, a member of the public is shown under a pseudonym, without a link to
    the post or the profile, and mentions of the public in the text are pseudonymised too."""
    hidden = names is not None and names.hides(post.platform, post.author_id, post.author_handle)
    handle = (post.author_handle or post.author_id).lstrip("@")
    if names is not None and hidden:
        handle = names.label(post.platform, post.author_id, post.author_handle)

    def alias(mentioned: str) -> str | None:
        return names.mention(post.platform, mentioned) if names is not None else None

    return PostView(
        post.platform, post.post_id, None if hidden else safe_href(post.url),
        fmt.local_time(post.created_at, zone, with_zone=False), handle, "" if hidden else post.author_name or "",
        None if hidden else profile_url(post.platform, handle, post.url),
        tuple(segments(post.text, post.platform, post.url, alias)), fmt.number(post.likes, "—"),
        fmt.number(post.reposts, "—"), fmt.number(post.replies, "—"), fmt.number(post.quotes, "—"),
        fmt.number(post.impressions, "—"), post.engagement, hidden,
        names.pseudo_id(post.platform, post.post_id) if names is not None and hidden else post.post_id)


@dataclass(frozen=True, slots=True)
class ParticipantRow:
    key: str
    handle: str
    agency: str
    country: str
    posts: int
    reach: int | None
    profile: str | None


def participant_rows(scope: Scope, per: Mapping[str, int], reach: Mapping[str, int | None],
                     limit: int) -> tuple[ParticipantRow, ...]:
    """Participants with the most event posts (then the largest reach), at most `limit`."""
    people = {p.key: p for p in scope.index.people}
    order = sorted(per, key=lambda k: (-per[k], -(reach.get(k) or 0), k))[:limit]
    return tuple(ParticipantRow(k, people[k].handle, people[k].agency, people[k].country, per[k], reach.get(k),
                                profile_url(people[k].platform, people[k].handle)) for k in order)


@dataclass(frozen=True, slots=True)
class GrowthRow:
    key: str
    first: int
    last: int
    gain: int

    @property
    def gain_percent(self) -> str:
        return fmt.signed_percent(self.gain / self.first * 100 if self.first else None)


def growth_rows(growth: Mapping[str, Mapping[str, int]]) -> tuple[GrowthRow, ...]:
    """Follower growth per participant account, largest gain first."""
    rows = [GrowthRow(k, int(v["first"]), int(v["last"]), int(v["gain"])) for k, v in growth.items()]
    return tuple(sorted(rows, key=lambda r: (-r.gain, r.key)))


@dataclass(frozen=True, slots=True)
class QuestionRow:
    key: str
    agency: str
    questions: int
    answered: int
    rate: str
    median: str
    p90: str


def question_rows(questions: Mapping[str, Any], scope: Scope) -> tuple[QuestionRow, ...]:
    """Questions and response times per participant, most questions first."""
    agencies = {p.key: p.agency for p in scope.index.people}
    per: Mapping[str, Mapping[str, Any]] = questions.get("per_participant") or {}
    rows = [QuestionRow(k, agencies.get(k, ""), int(v["questions"]), int(v["answered"]),
                        fmt.percent(v["answered"] / v["questions"] if v["questions"] else 0.0),
                        fmt.duration(v["response_median_seconds"], "—"), fmt.duration(v["response_p90_seconds"], "—"))
            for k, v in per.items()]
    return tuple(sorted(rows, key=lambda r: (-r.questions, r.key)))
