"""The definitions printed in the impact report, in plain words (the full text is docs/figures.md).

Each figure id (the anchor in docs/figures.md and the key in `tweetathon figures --json`) has a short line shown
beside the figure and a fuller definition printed in the report's own "How each figure is defined" section, so
the report explains itself without any other file.
"""

from __future__ import annotations

from dataclasses import dataclass

from tweetathon.analysis.levels import LEVEL_NAMES, Level, level_of


@dataclass(frozen=True, slots=True)
class Definition:
    id: str
    label: str
    short: str
    full: str

    @property
    def anchor(self) -> str:
        return f"def-{self.id}"

    @property
    def level(self) -> Level:
        """The figure's stage of the evaluation cycle (`tweetathon.analysis.levels`)."""
        return level_of(self.id)

    @property
    def level_name(self) -> str:
        return LEVEL_NAMES[self.level]


_EVENT_POST = ("An event post is a post collected at top level (not only seen as a reference), not deleted, that "
               "carries one of the event's hashtags and was created inside the window that applies to its author: "
               "a registered participant's own window (for example 08:00 local for 24 hours), everyone else's the "
               "event window.")

DEFINITIONS: dict[str, Definition] = {d.id: d for d in (
    Definition("posts", "Posts", "Distinct event posts, by kind.",
               _EVENT_POST + " Counted once each by platform and post id, as originals, replies, quotes and "
               "reposts; a quote that is also a reply counts as a quote."),
    Definition("participants", "Participants who posted",
               "Registered, approved accounts with at least one event post.",
               "Participants are the approved registered accounts of the event (platform and handle). "
               "Participants who posted had at least one event post in their own window. The public is every "
               "other account; public accounts counts the distinct ones with an event post."),
    Definition("languages", "Languages", "Distinct languages detected in event posts (reposts excepted).",
               "The language of each event post except reposts, detected by tweetathon (lingua) on the text with "
               "links, @mentions and #hashtags removed; 'und' (undetermined) when fewer than 10 letters remain. "
               "The count leaves 'und' out; the floor counts languages with at least 5 posts. The language the "
               "platform itself declared is shown beside, never mixed in."),
    Definition("countries", "Countries", "Countries of the participants who posted.",
               "Countries (ISO 3166-1 codes) of registered participants with at least one event post. Countries "
               "of the public, where shown, are an estimate from profile locations and labelled as such."),
    Definition("potential_reach", "Potential reach (theoretical maximum)",
               "The theoretical maximum: the sum of the follower counts of every account that posted (largest "
               "count seen in the window), not the number of people who saw a post.",
               "For each distinct account with an event post, the largest follower count observed inside the "
               "event window (or the observation nearest to it), added up. It is the number of followers who "
               "could have seen a post, not the number who did. Accounts never observed add nothing and are "
               "counted as unknown."),
    Definition("potential_impressions", "Potential impressions (theoretical maximum)",
               "The theoretical maximum: the sum over event posts of the author's follower count at posting "
               "time.",
               "For each event post, the author's follower count at the time of posting (the first observation "
               "at or after it, else the last before it), added up. Posts whose author was never observed add "
               "nothing. Never mixed with measured impressions."),
    Definition("measured_impressions", "Measured impressions",
               "Impressions the platform itself reported for event posts.",
               "The sum of the impression counts the platform reported (X's impression count) over the event "
               "posts that carry one. Shown as not reported when no post has one."),
    Definition("follower_growth", "Follower growth",
               "Followers of each participant at the first and last observation in the window.",
               "For each participant account observed at least twice inside the event window: the follower count "
               "at the first and at the last observation, and the gain between them."),
    Definition("public_questions", "Public questions",
               "Questions from the public to participants, and how many were answered.",
               "A question is a post inside the event window, by a member of the public, that replies to a "
               "participant's post or mentions a participant, and contains a question mark. It is answered when a "
               "participant later replies in that thread. The response time is the first such reply minus the "
               "question. The median is the middle response time; p90 is the time within which 90% of answered "
               "questions were answered (nearest rank)."),
    Definition("peak", "Peak hour", "The busiest clock hour of event posts.",
               "The clock hour (and minute) with the most event posts; on a tie the earliest wins. Shown in UTC "
               "and in the organiser's time zone."),
    Definition("posts_per_hour", "Posts per hour", "Event posts per clock hour.",
               "Event posts per clock hour, from the first event post's hour to the last's, hours with none "
               "shown as zero."),
    Definition("answers_per_question", "Answers per question (chats)",
               "Answers to each of the host's questions, per chat session.",
               "For each chat session and each host question Qn: posts inside the session, by anyone but the host, "
               "that reply to or quote the host's Qn post, or else carry the tag An as a word (A1, A1:, A1.). "
               "Reposts are not answers."),
    Definition("network", "Interaction network", "Who replied to, mentioned and quoted whom.",
               "Accounts are the nodes; a link from one account to another counts its replies, mentions and "
               "quotes of the other among event posts and the conversations with participants. Interactions "
               "between participants of known countries are also added up country to country."),
    Definition("baseline", "Event against an ordinary period",
               "The participants' own activity during the event against a baseline period before it, per day.",
               "For each participant account, in the baseline period the organiser chose and in the account's "
               "own event window: its own posts per day (reposts left out), replies from the public per day, "
               "follower growth per day (last minus first follower count observed in the period, over the days "
               "between them) and engagement per post (likes, reposts, replies and quotes as last observed). The "
               "total adds the accounts' rates; the difference is event minus baseline. The baseline needs the "
               "participants' own posts of that period imported (their timelines)."),
    Definition("capture_health", "Capture health", "Failed capture sources, gaps, rejected records and "
               "rate-limit waits.",
               "Capture sources that failed (credentials refused, no working connection, a pass cut short by its "
               "time limit), periods where data was expected but none was captured, including every period "
               "without a working connection (gaps), records that could not be read (rejects, by reason) and "
               "time spent waiting on the platform's rate limits, from the import runs and capture logs of the "
               "event."),
    Definition("purposes_and_themes", "Purposes and themes", "What participants' posts were for and about.",
               "Each participant's event post (reposts excepted) classified offline by `tweetathon themes apply`: "
               "one purpose (inform: updates, advice, news; engage: conversation, thanks, community, behind the "
               "scenes; appeal: asking the public for information) from a linear model over the post's words and "
               "letter groups and the seed rules, and any number of themes, each given by a keyword, the model or "
               "an example of the event's own themes, and shown with that reason. Measured accuracy: README."),
    Definition("feedback", "Residents' feedback", "Sentiment of the public's replies and mentions.",
               "Posts inside the event window by the public that reply to or mention a participant, scored once: "
               "English with VADER (positive, neutral, negative); other languages are not scored and counted as "
               "such. The sample is drawn at random with a fixed seed from the positive and from the negative "
               "posts, so both sides are shown. Posts with a word from a short list of insults are flagged for "
               "a person to review; nothing is hidden."),
)}
