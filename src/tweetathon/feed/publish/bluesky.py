"""Publish to a Bluesky account through its PDS: a session from the handle and an app password
(`com.atproto.server.createSession`), photos through `com.atproto.repo.uploadBlob` (alt text in the
`app.bsky.embed.images` embed), the post through `com.atproto.repo.createRecord` with facets for hashtags,
mentions and links, and a record key derived from the outbox row (so a retry names the same record: `find`
reads it back with `getRecord`, and a second createRecord could only conflict, never duplicate).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import httpx

from tweetathon.capture.credentials import Secret
from tweetathon.feed.crashpoints import crash_point
from tweetathon.feed.media import CleanPhoto
from tweetathon.feed.model import OutboxItem
from tweetathon.feed.publish.base import PublishError, Sent, answer, request
from tweetathon.feed.publish.richtext import facets, tid

COLLECTION = "app.bsky.feed.post"


class BlueskyPublisher:
    platform = "bluesky"

    def __init__(self, client: httpx.Client, pds_url: str, handle: str, password: Secret) -> None:
        self.client = client
        self.base = pds_url.rstrip("/") + "/xrpc/"
        self.handle = handle
        self.password = password
        self._session: dict[str, Any] | None = None

    def session(self) -> dict[str, Any]:
        if self._session is None:
            response = request(self.client, "POST", self.base + "com.atproto.server.createSession",
                               "signing in to Bluesky",
                               json={"identifier": self.handle, "password": self.password.reveal()})
            self._session = answer(response, f"signing in to Bluesky as {self.handle}")
        return self._session

    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.session()['accessJwt']}"}

    def rkey(self, item: OutboxItem) -> str:
        return tid(item.created_at, item.id)

    def find(self, item: OutboxItem) -> Sent | None:
        params = {"repo": self.session()["did"], "collection": COLLECTION, "rkey": self.rkey(item)}
        response = request(self.client, "GET", self.base + "com.atproto.repo.getRecord", "reading a Bluesky post",
                           params=params, headers=self._auth())
        if response.status_code == 400 and "RecordNotFound" in response.text:
            return None
        found = answer(response, "reading a Bluesky post")
        return self._sent(item, {"uri": found["uri"], "cid": found["cid"]}, found)

    def post(self, item: OutboxItem, photos: Sequence[CleanPhoto], earlier: Sequence[OutboxItem]) -> Sent:
        record = self.record(item, [self._upload(p) for p in photos], earlier)
        if photos:
            crash_point("media-uploaded")
        body = {"repo": self.session()["did"], "collection": COLLECTION, "rkey": self.rkey(item), "record": record}
        response = request(self.client, "POST", self.base + "com.atproto.repo.createRecord", "posting to Bluesky",
                           json=body, headers=self._auth())
        if response.status_code >= 400:
            found = self.find(item)  # the key is taken (the PDS answers 500): an earlier attempt made the record
            if found is not None:
                return found
        created = answer(response, "posting to Bluesky")
        return self._sent(item, {"uri": created["uri"], "cid": created["cid"]}, {**created, "value": record})

    def record(self, item: OutboxItem, images: list[dict[str, Any]], earlier: Sequence[OutboxItem]) -> dict[str, Any]:
        """The app.bsky.feed.post record (createdAt is the outbox row's time, so a retry writes the same)."""
        record: dict[str, Any] = {"$type": COLLECTION, "text": item.text,
                                  "createdAt": item.created_at.astimezone(UTC).isoformat().replace("+00:00", "Z")}
        found = facets(item.text, self.resolve)
        if found:
            record["facets"] = found
        if images:
            record["embed"] = {"$type": "app.bsky.embed.images", "images": images}
        if earlier:
            record["reply"] = {"root": _ref(earlier[0]), "parent": _ref(earlier[-1])}
        return record

    def resolve(self, handle: str) -> str | None:
        response = request(self.client, "GET", self.base + "com.atproto.identity.resolveHandle",
                           "resolving a Bluesky handle", params={"handle": handle})
        return str(response.json()["did"]) if response.status_code == 200 else None

    def _upload(self, photo: CleanPhoto) -> dict[str, Any]:
        response = request(self.client, "POST", self.base + "com.atproto.repo.uploadBlob", "uploading a photo",
                           content=photo.data, headers={**self._auth(), "Content-Type": photo.mime})
        return {"alt": photo.alt, "image": answer(response, "uploading a photo to Bluesky")["blob"]}

    def delete(self, item: OutboxItem) -> dict[str, Any]:
        body = {"repo": self.session()["did"], "collection": COLLECTION, "rkey": self.rkey(item)}
        response = request(self.client, "POST", self.base + "com.atproto.repo.deleteRecord", "deleting on Bluesky",
                           json=body, headers=self._auth())
        return dict(answer(response, "deleting on Bluesky"))

    def _sent(self, item: OutboxItem, refs: dict[str, str], raw: dict[str, Any]) -> Sent:
        value = raw.get("value") or {}
        when = str(value.get("createdAt") or item.created_at.isoformat())
        handle = str(self.session()["handle"])
        return Sent(platform_id=refs["uri"], url=f"https://bsky.app/profile/{handle}/post/{self.rkey(item)}",
                    created_at=datetime.fromisoformat(when.replace("Z", "+00:00")),
                    author_id=str(self.session()["did"]), author_handle=handle, answer=raw, refs=refs)


def _ref(item: OutboxItem) -> dict[str, str]:
    refs = item.response.get("refs") or {}
    if not refs:
        raise PublishError(f"part {item.part} has no Bluesky reference to reply to", retry=False)
    return {"uri": refs["uri"], "cid": refs["cid"]}
