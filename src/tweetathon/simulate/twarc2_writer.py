"""Writing X API v2 response pages exactly as `twarc2 search` saves them (one page per line)."""

from __future__ import annotations

import random
from typing import IO, Any
from urllib.parse import quote

import orjson

from tweetathon.simulate.model import Account, SimPost, iso_ms, iso_retrieved

API = "https://api.twitter.com/2/tweets/search/all"
FIELDS = ("expansions=author_id,referenced_tweets.id,referenced_tweets.id.author_id,entities.mentions.username,"
          "in_reply_to_user_id,attachments.media_keys&tweet.fields=attachments,author_id,conversation_id,"
          "created_at,entities,id,in_reply_to_user_id,lang,public_metrics,referenced_tweets,text"
          "&user.fields=created_at,description,location,name,public_metrics,username&max_results=100")
TWARC_VERSION = "2.14.0"
ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def short_code(seed: int, length: int = 10) -> str:
    chars = []
    value = seed * 2654435761 % (62 ** length)
    for _ in range(length):
        value, rem = divmod(value, 62)
        chars.append(ALPHABET[rem])
    return "".join(chars)


def status_url(p: SimPost) -> str:
    return f"https://twitter.com/{p.author.username}/status/{p.id}"


def mention_targets(p: SimPost) -> list[Account]:
    """Who a post mentions, in order: the author replied to first, then explicit mentions."""
    found: list[Account] = []
    if p.reply_to is not None:
        found.append(p.reply_to.author)
    for acc in p.mentions:
        if acc not in found:
            found.append(acc)
    return found


def compose(p: SimPost) -> tuple[str, dict[str, list[dict[str, Any]]]]:
    """The tweet text as X shows it, with entity offsets (code points) for mentions, hashtags and URLs."""
    if p.repost_of is not None:
        return _compose_retweet(p.repost_of)
    text = ""
    ents: dict[str, list[dict[str, Any]]] = {"mentions": [], "hashtags": [], "urls": []}
    if p.extra.get("lead"):
        for tag in p.tags:
            ents["hashtags"].append({"start": len(text), "end": len(text) + len(tag) + 1, "tag": tag})
            text += f"#{tag} "
    for acc in mention_targets(p):
        ents["mentions"].append({"start": len(text), "end": len(text) + len(acc.username) + 1,
                                 "username": acc.username, "id": acc.id})
        text += f"@{acc.username} "
    text += p.text
    for tag in () if p.extra.get("lead") else p.tags:
        text += " "
        ents["hashtags"].append({"start": len(text), "end": len(text) + len(tag) + 1, "tag": tag})
        text += f"#{tag}"
    links = [status_url(p.quote_of)] if p.quote_of is not None else []
    if p.link:
        links.append(p.link)
    for n, expanded in enumerate(links):
        short = f"https://t.co/{short_code(int(p.id) + n)}"
        text += " "
        display = expanded.split("://", 1)[1]
        ents["urls"].append({"start": len(text), "end": len(text) + len(short), "url": short,
                             "expanded_url": expanded, "display_url": display[:26] + ("…" if len(display) > 26
                                                                                       else "")})
        text += short
    return text, {k: v for k, v in ents.items() if v}


def _compose_retweet(orig: SimPost) -> tuple[str, dict[str, list[dict[str, Any]]]]:
    inner, inner_ents = compose(orig)
    prefix = f"RT @{orig.author.username}: "
    shift = len(prefix)
    ents: dict[str, list[dict[str, Any]]] = {"mentions": [{"start": 3, "end": 3 + len(orig.author.username) + 1,
                                                           "username": orig.author.username,
                                                           "id": orig.author.id}]}
    for key, items in inner_ents.items():
        shifted = [{**e, "start": e["start"] + shift, "end": e["end"] + shift} for e in items]
        ents.setdefault(key, []).extend(shifted)
    return prefix + inner, ents


def tweet_json(p: SimPost) -> dict[str, Any]:
    """The v2 tweet object (built once per post: pages and includes share it)."""
    cached = p.extra.get("json")
    if cached is None:
        cached = p.extra["json"] = _tweet_json(p)
    return cached  # type: ignore[return-value]


def _tweet_json(p: SimPost) -> dict[str, Any]:
    text, entities = compose(p)
    metrics = {"retweet_count": p.reposts, "reply_count": p.replies, "like_count": p.likes,
               "quote_count": p.quotes, "bookmark_count": 0, "impression_count": p.impressions}
    tweet: dict[str, Any] = {"edit_history_tweet_ids": [p.id], "id": p.id, "text": text, "author_id": p.author.id,
                             "created_at": iso_ms(p.created), "conversation_id": p.conversation_id or p.id,
                             "lang": p.declared, "public_metrics": metrics, "possibly_sensitive": False,
                             "reply_settings": "everyone"}
    if p.declared is None:
        del tweet["lang"]
    if entities:
        tweet["entities"] = entities
    refs = referenced(p)
    if refs:
        tweet["referenced_tweets"] = [{"type": kind, "id": ref.id} for kind, ref in refs]
    if p.reply_to is not None:
        tweet["in_reply_to_user_id"] = p.reply_to.author.id
    if p.media:
        tweet["attachments"] = {"media_keys": [f"3_{p.id}"]}
    return tweet


def referenced(p: SimPost) -> list[tuple[str, SimPost]]:
    refs: list[tuple[str, SimPost]] = []
    if p.repost_of is not None:
        refs.append(("retweeted", p.repost_of))
    if p.reply_to is not None:
        refs.append(("replied_to", p.reply_to))
    if p.quote_of is not None:
        refs.append(("quoted", p.quote_of))
    return refs


def user_json(acc: Account, t: float) -> dict[str, Any]:
    return {"id": acc.id, "username": acc.username, "name": acc.name, "created_at": acc.created_at,
            "description": acc.description, "location": acc.location, "protected": False, "verified": False,
            "url": "", "profile_image_url": f"https://pbs.twimg.com/profile_images/{acc.id}/photo_normal.jpg",
            "public_metrics": {"followers_count": acc.followers(t), "following_count": acc.following,
                               "tweet_count": acc.statuses0 + acc.statuses, "listed_count": acc.followers0 // 40}}


def page_users(data: list[SimPost]) -> list[Account]:
    """includes.users of a page: authors, authors of referenced tweets, and mentioned users (first seen first)."""
    seen: dict[int, Account] = {}
    for p in data:
        for acc in (p.author, *[r.author for _, r in referenced(p)], *mention_targets(p)):
            seen.setdefault(id(acc), acc)
        if p.repost_of is not None:
            for acc in mention_targets(p.repost_of):
                seen.setdefault(id(acc), acc)
    return list(seen.values())


class Twarc2Writer:
    """Writes one slice of X posts as search pages (newest first, 100 a page, next_token between pages)."""

    def __init__(self, fh: IO[bytes], query: str, rng: random.Random) -> None:
        self.fh = fh
        self.query = query
        self.rng = rng
        self.previous: list[SimPost] = []

    def write_slice(self, posts: list[SimPost], start: float, end: float) -> list[tuple[float, list[Account]]]:
        """Write the pages of one poll; returns (retrieved_at, includes.users) for every page written."""
        ordered = sorted(posts, key=lambda p: int(p.id), reverse=True)
        chunks = [ordered[i:i + 100] for i in range(0, len(ordered), 100)]
        delay = min(20.0, (end - start) * 0.25) * (0.5 + self.rng.random() * 0.5)
        step = min(0.35, 0.9 / max(1, len(chunks)))
        observed: list[tuple[float, list[Account]]] = []
        for n, chunk in enumerate(chunks):
            data = list(chunk)
            if n == 0 and self.previous and self.rng.random() < 0.5:
                repeats = self.rng.sample(self.previous, min(len(self.previous), self.rng.randint(1, 3)))
                data.extend(sorted(repeats, key=lambda p: int(p.id), reverse=True))
            retrieved = round(end + delay + n * step, 6)
            users = page_users(data)
            token = short_code(int(chunk[-1].id), 16) if n < len(chunks) - 1 else None
            self._write_page(data, users, retrieved, start, end, token)
            observed.append((retrieved, users))
        if chunks:
            self.previous = chunks[-1]
        return observed

    def _write_page(self, data: list[SimPost], users: list[Account], retrieved: float, start: float, end: float,
                    token: str | None) -> None:
        refs: dict[str, SimPost] = {}
        for p in data:
            for _, ref in referenced(p):
                refs.setdefault(ref.id, ref)
        includes: dict[str, Any] = {"users": [user_json(a, retrieved) for a in users]}
        if refs:
            includes["tweets"] = [tweet_json(r) for r in refs.values()]
        media = [{"media_key": f"3_{p.id}", "type": "photo",
                  "url": f"https://pbs.twimg.com/media/{short_code(int(p.id))}.jpg"} for p in data if p.media]
        if media:
            includes["media"] = media
        meta: dict[str, Any] = {"newest_id": data[0].id, "oldest_id": data[-1].id, "result_count": len(data)}
        if token:
            meta["next_token"] = token
        url = (f"{API}?query={quote(self.query)}&start_time={iso_ms(start).replace('.000', '')}"
               f"&end_time={iso_ms(end).replace('.000', '')}&{FIELDS}")
        page = {"data": [tweet_json(p) for p in data], "includes": includes, "meta": meta,
                "__twarc": {"url": url, "version": TWARC_VERSION, "retrieved_at": iso_retrieved(retrieved)}}
        self.fh.write(orjson.dumps(page) + b"\n")


def write_compliance(fh: IO[bytes], deleted: list[tuple[str, float]]) -> None:
    """twarc2 compliance job output: one line per deleted tweet."""
    for post_id, when in deleted:
        fh.write(orjson.dumps({"id": post_id, "action": "delete", "created_at": iso_ms(when),
                               "reason": "deleted"}) + b"\n")
