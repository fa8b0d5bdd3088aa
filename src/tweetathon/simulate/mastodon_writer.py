"""Writing Mastodon API statuses (one JSON status a line), with HTML content as Mastodon renders it."""

from __future__ import annotations

import html
from typing import IO, Any

import orjson

from tweetathon.simulate.model import Account, SimPost, iso_ms
from tweetathon.simulate.twarc2_writer import mention_targets


def account_url(acc: Account) -> str:
    return f"https://{acc.instance}/@{acc.username}"


def status_url(p: SimPost) -> str:
    return f"{account_url(p.author)}/{p.id}"


def content_html(p: SimPost) -> str:
    """`<p>` HTML with h-card mention links and hashtag links, like Mastodon's own formatter."""
    parts = [f'<span class="h-card" translate="no"><a href="{account_url(a)}" class="u-url mention">'
             f"@<span>{a.username}</span></a></span>" for a in mention_targets(p)]
    parts.append(html.escape(p.text))
    parts.extend(f'<a href="https://{p.author.instance}/tags/{t.lower()}" class="mention hashtag" rel="tag">'
                 f"#<span>{t}</span></a>" for t in p.tags)
    if p.link:
        parts.append(f'<a href="{p.link}" target="_blank" rel="nofollow noopener noreferrer" translate="no">'
                     f'<span class="invisible">https://</span><span class="">{p.link.split("://", 1)[1]}</span>'
                     "</a>")
    return "<p>" + " ".join(parts) + "</p>"


def account_json(acc: Account, t: float) -> dict[str, Any]:
    return {"id": acc.id, "username": acc.username, "acct": f"{acc.username}@{acc.instance}",
            "display_name": acc.name, "locked": False, "bot": False, "discoverable": True, "group": False,
            "created_at": acc.created_at, "note": f"<p>{html.escape(acc.description)}</p>",
            "url": account_url(acc), "uri": f"https://{acc.instance}/users/{acc.username}",
            "avatar": f"https://{acc.instance}/avatars/{acc.id}.png",
            "followers_count": acc.followers(t), "following_count": acc.following,
            "statuses_count": acc.statuses0 + acc.statuses, "emojis": [], "fields": []}


def status_json(p: SimPost) -> dict[str, Any]:
    inner = status_json(p.repost_of) if p.repost_of is not None else None
    reply = p.reply_to
    status: dict[str, Any] = {
        "id": p.id, "created_at": iso_ms(p.created), "in_reply_to_id": reply.id if reply else None,
        "in_reply_to_account_id": reply.author.id if reply else None, "sensitive": False, "spoiler_text": "",
        "visibility": "public", "language": None if inner else p.declared,
        "uri": f"https://{p.author.instance}/users/{p.author.username}/statuses/{p.id}"
               + ("/activity" if inner else ""),
        "url": None if inner else status_url(p),
        "replies_count": p.replies, "reblogs_count": p.reposts, "favourites_count": p.likes,
        "edited_at": None, "content": "" if inner else content_html(p), "reblog": inner,
        "account": account_json(p.author, p.created),
        "media_attachments": [] if inner or not p.media else [_media(p)],
        "mentions": [] if inner else [{"id": a.id, "username": a.username, "url": account_url(a),
                                       "acct": f"{a.username}@{a.instance}"} for a in mention_targets(p)],
        "tags": [] if inner else [{"name": t.lower(), "url": f"https://{p.author.instance}/tags/{t.lower()}"}
                                  for t in p.tags],
        "emojis": [], "card": None, "poll": None}
    return status


def _media(p: SimPost) -> dict[str, Any]:
    return {"id": p.id, "type": "image", "url": f"https://{p.author.instance}/media/{p.id}.jpg",
            "preview_url": f"https://{p.author.instance}/media/small/{p.id}.jpg", "description": p.text[:80]}


class MastodonWriter:
    def __init__(self, fh: IO[bytes]) -> None:
        self.fh = fh

    def write(self, posts: list[SimPost]) -> None:
        for p in sorted(posts, key=lambda q: (q.created, int(q.id))):
            self.fh.write(orjson.dumps(status_json(p)) + b"\n")
