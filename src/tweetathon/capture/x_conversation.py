"""X API v2: the conversations around participants' event posts, captured even without the hashtag.

Response-time figures need the public's replies to participants and the participants' answers, which rarely
repeat the hashtag. Each pass reads the event's posts by approved participants (store: `participant_posts`,
matched by platform and lower-case handle) from the last days the recent search covers, and runs recent
searches `conversation_id:A OR conversation_id:B ...`, batched within the API's query length limit.

Cursor: `{conversation_id: since_id}`. A new conversation starts at its own id (every reply has a larger
snowflake id than the post it answers); after each query every conversation in its batch advances to the
newest id the query returned. A batch is searched from the smallest since_id of its members (conversations are
batched in since_id order, so those are close); what is fetched twice is stored once. Conversations whose
participants' posts have left the search window are dropped from the cursor.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
import orjson

from tweetathon.capture.conversation import conversation_groups
from tweetathon.capture.http import Backoff, Fetcher, poll
from tweetathon.capture.runner import SourceContext
from tweetathon.capture.x_api import XSearch, newest_id, page_ids, x_batch
from tweetathon.store.capture import CaptureBatch, ParticipantPost

SEARCH_WINDOW = timedelta(days=6, hours=23)  # recent search covers the last 7 days
EPOCH_MS = 1288834974657
DEFAULT_MAX_QUERY_LENGTH = 512

Roots = Callable[[datetime], list[ParticipantPost]]


def snowflake_time(post_id: str) -> datetime | None:
    """When an X id was minted (ids are snowflakes: milliseconds since the X epoch, shifted left 22 bits)."""
    if not post_id.isdigit() or int(post_id) < (1 << 22):
        return None
    return datetime.fromtimestamp(((int(post_id) >> 22) + EPOCH_MS) / 1000, UTC)


def plan_conversations(previous: dict[str, str], roots: list[ParticipantPost],
                       horizon: datetime) -> dict[str, str]:
    """The conversations to follow (with their since_id): those of participants' posts since `horizon`.
    A conversation already followed keeps its since_id; a new one starts at its root id if the root is inside
    the search window, else at the participant's post."""
    plan: dict[str, str] = {}
    for root in roots:
        cid = root.conversation_id
        if not cid.isdigit() or cid in plan:
            continue
        started = snowflake_time(cid)
        plan[cid] = previous.get(cid) or (cid if started is not None and started >= horizon else root.post_id)
    return plan


def query_batches(plan: dict[str, str], max_length: int) -> list[tuple[list[str], str]]:
    """(conversation ids, since_id) per query: conversations in since_id order, grouped within `max_length`."""
    ordered = sorted(plan, key=lambda c: int(plan[c]))
    return [(group, min((plan[c] for c in group), key=int)) for group in conversation_groups(ordered, max_length)]


class XConversationSource:
    """Recent searches by `conversation_id:` for the conversations of participants' event posts."""

    platform = "x"
    name = "conversations"

    def __init__(self, client: httpx.Client, base_url: str, token: str, roots: Roots, poll_seconds: float = 30.0,
                 backoff: Backoff | None = None, max_query_length: int = DEFAULT_MAX_QUERY_LENGTH) -> None:
        self.client, self.base_url, self._token = client, base_url.rstrip("/"), token
        self.roots, self.poll_seconds, self.backoff = roots, poll_seconds, backoff or Backoff()
        self.max_query_length = max_query_length

    def run(self, ctx: SourceContext) -> None:
        fetcher = Fetcher(self.client, ctx, self.backoff, {"Authorization": f"Bearer {self._token}"})
        search = XSearch(self.base_url, fetcher)
        poll(ctx, lambda: self.one_pass(ctx, search), self.poll_seconds)

    def one_pass(self, ctx: SourceContext, search: XSearch) -> None:
        horizon = ctx.now() - SEARCH_WINDOW
        previous: dict[str, str] = orjson.loads(ctx.cursor) if ctx.cursor else {}
        plan = plan_conversations(previous, self.roots(horizon), horizon)
        for group, since in query_batches(plan, self.max_query_length):
            query = " OR ".join(f"conversation_id:{c}" for c in group)
            newest: str | None = None
            for payload, url in search.pages(query, since_id=since):
                newest = newest or (payload.get("meta") or {}).get("newest_id") or newest_id(page_ids(payload))
                ctx.emit(x_batch(self.name, [payload], url, ctx.now()))
            if newest:
                plan.update({c: max(plan[c], newest, key=int) for c in group})
        if plan != previous:
            ctx.emit(CaptureBatch("x", self.name, cursor=orjson.dumps(plan).decode()))
