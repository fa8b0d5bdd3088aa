"""Write small, valid twarc2 files (API v2 response pages) for tests of the import pipeline."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson

T0 = datetime(2013, 3, 22, 7, 0, tzinfo=UTC)


def tweet(n: int, author: int) -> dict[str, object]:
    created = (T0 + timedelta(seconds=n)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return {
        "id": str(1_000_000_000_000_000_000 + n), "author_id": str(author), "created_at": created,
        "conversation_id": str(1_000_000_000_000_000_000 + n), "lang": "en",
        "text": f"Patrol update number {n} from the city centre #poltwt",
        "entities": {"hashtags": [{"start": 41, "end": 48, "tag": "poltwt"}]},
        "public_metrics": {"retweet_count": 0, "reply_count": 0, "like_count": n % 7, "quote_count": 0},
    }


def user(author: int, followers: int) -> dict[str, object]:
    return {"id": str(author), "username": f"police{author}", "name": f"Police {author}",
            "public_metrics": {"followers_count": followers, "following_count": 10, "tweet_count": 100,
                               "listed_count": 1}}


def write_pages(path: Path, posts: int, per_page: int = 100, authors: int = 50) -> Path:
    """`posts` distinct tweets by `authors` accounts, `per_page` to a line, each page with its users."""
    with path.open("wb") as fh:
        for page, start in enumerate(range(0, posts, per_page)):
            data = [tweet(n, 1 + n % authors) for n in range(start, min(posts, start + per_page))]
            users = [user(a, 1000 + page) for a in sorted({int(str(t["author_id"])) for t in data})]
            retrieved = (T0 + timedelta(seconds=start + per_page)).strftime("%Y-%m-%dT%H:%M:%S+00:00")
            fh.write(orjson.dumps({
                "data": data, "includes": {"users": users},
                "meta": {"result_count": len(data), "newest_id": data[0]["id"], "oldest_id": data[-1]["id"]},
                "__twarc": {"url": "https://api.twitter.com/2/tweets/search/all?query=%23poltwt",
                            "version": "2.14.0", "retrieved_at": retrieved},
            }) + b"\n")
    return path
