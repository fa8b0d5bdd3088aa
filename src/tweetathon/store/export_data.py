"""What the network and Parquet exports read beyond the posts: who wrote the posts that reposts repeat, which
posts are withheld, accounts' follower counts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy import Connection, RowMapping, Table, and_, func, select
from sqlalchemy.orm import aliased

from tweetathon.store.schema import account_snapshots, accounts, event_posts, events, posts


def repost_originals(conn: Connection, keys: Iterable[tuple[str, str]],
                     ) -> dict[tuple[str, str], tuple[str, str | None]]:
    """For each repost among `keys` whose original post is stored: (author id, handle) of that original."""
    wanted = set(keys)
    original = aliased(posts)
    query = (select(posts.c.platform, posts.c.post_id, original.c.author_id, original.c.author_handle)
             .join(original, and_(original.c.platform == posts.c.platform,
                                  original.c.post_id == posts.c.repost_of_id))
             .where(posts.c.kind == "repost"))
    return {(r.platform, r.post_id): (r.author_id, r.author_handle) for r in conn.execute(query)
            if (r.platform, r.post_id) in wanted}


def withheld_keys(conn: Connection) -> frozenset[tuple[str, str]]:
    """(platform, post id) of every withheld post: exports never show them."""
    query = select(posts.c.platform, posts.c.post_id).where(posts.c.withheld == True)  # noqa: E712
    return frozenset((r.platform, r.post_id) for r in conn.execute(query))


def followers_by_handle(conn: Connection) -> dict[tuple[str, str], int]:
    """(platform, lower-case handle) -> the latest follower count known."""
    query = select(accounts.c.platform, func.lower(accounts.c.handle).label("handle"), accounts.c.followers).where(
        accounts.c.handle.is_not(None), accounts.c.followers.is_not(None))
    return {(r.platform, r.handle): int(r.followers) for r in conn.execute(query)}


def _of_accounts(conn: Connection, table: Table, keys: set[tuple[str, str]]) -> Iterator[RowMapping]:
    """Rows of `table` (accounts or account_snapshots) of the accounts `keys`, in key order."""
    columns = [c for c in table.columns if c.name != "raw"]
    query = select(*columns).order_by(*[c for c in table.primary_key.columns])
    if table is account_snapshots:
        query = select(*columns).order_by(table.c.platform, table.c.account_id, table.c.observed_at)
    for row in conn.execution_options(yield_per=5000).execute(query).mappings():
        if (row["platform"], row["account_id"]) in keys:
            yield row


def accounts_of(conn: Connection, keys: set[tuple[str, str]]) -> Iterator[RowMapping]:
    """The latest observation of each account in `keys` (platform, account id)."""
    return _of_accounts(conn, accounts, keys)


def snapshots_of(conn: Connection, keys: set[tuple[str, str]]) -> Iterator[RowMapping]:
    """Every observation of the accounts in `keys`, oldest first per account (raw payloads left out)."""
    return _of_accounts(conn, account_snapshots, keys)


def memberships(conn: Connection) -> dict[tuple[str, str], list[str]]:
    """(platform, post id) -> the slugs of the events the post was linked to at import."""
    query = (select(event_posts.c.platform, event_posts.c.post_id, events.c.slug)
             .join(events, events.c.id == event_posts.c.event_id).order_by(events.c.slug))
    found: dict[tuple[str, str], list[str]] = {}
    for r in conn.execute(query):
        found.setdefault((r.platform, r.post_id), []).append(r.slug)
    return found
