"""Publish to an X account with API v2 and an OAuth 2.0 user access token: photos through
`POST /2/media/upload` (alt text through `POST /2/media/metadata`), the post through `POST /2/tweets`,
deletion through `DELETE /2/tweets/:id`.

X has no idempotency key, so before a retry `find` reads the account's recent posts
(`GET /2/users/:id/tweets`, from a minute before the intent was recorded) and looks for the exact text
(the numbered prefix makes every post's text unique; links are compared as links, since X rewrites them).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from tweetathon.capture.credentials import Secret
from tweetathon.feed.crashpoints import crash_point
from tweetathon.feed.media import CleanPhoto
from tweetathon.feed.model import OutboxItem
from tweetathon.feed.publish.base import PublishError, Sent, answer, request, same_text


class XPublisher:
    platform = "x"

    def __init__(self, client: httpx.Client, api_url: str, token: Secret) -> None:
        self.client = client
        self.base = api_url.rstrip("/")
        self.token = token
        self._me: dict[str, Any] | None = None

    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token.reveal()}"}

    def me(self) -> dict[str, Any]:
        if self._me is None:
            response = request(self.client, "GET", self.base + "/2/users/me", "checking the X account",
                               headers=self._auth())
            self._me = dict(answer(response, "checking the X account")["data"])
        return self._me

    def find(self, item: OutboxItem) -> Sent | None:
        since = (item.created_at - timedelta(minutes=1)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        params = {"max_results": 100, "start_time": since, "tweet.fields": "created_at,author_id,text"}
        url = f"{self.base}/2/users/{self.me()['id']}/tweets"
        page = answer(request(self.client, "GET", url, "reading the account's posts", params=params,
                              headers=self._auth()), "reading the account's posts")
        for tweet in page.get("data") or []:
            if same_text(html.unescape(tweet.get("text", "")), item.text):
                return self._sent(tweet)
        return None

    def post(self, item: OutboxItem, photos: Sequence[CleanPhoto], earlier: Sequence[OutboxItem]) -> Sent:
        media_ids = [self._upload(photo) for photo in photos]
        if media_ids:
            crash_point("media-uploaded")
        body: dict[str, Any] = {"text": item.text}
        if media_ids:
            body["media"] = {"media_ids": media_ids}
        if earlier:
            body["reply"] = {"in_reply_to_tweet_id": earlier[-1].platform_id}
        response = request(self.client, "POST", self.base + "/2/tweets", "posting to X", json=body,
                           headers=self._auth())
        if response.status_code == 403 and "duplicate content" in response.text:
            found = self.find(item)  # X refuses the same text twice: the post is there already
            if found is not None:
                return found
        data = answer(response, "posting to X").get("data") or {}
        return self._sent({**data, "created_at": datetime.now(UTC).isoformat()})

    def _upload(self, photo: CleanPhoto) -> str:
        response = request(self.client, "POST", self.base + "/2/media/upload", "uploading a photo to X",
                           files={"media": (photo.name, photo.data, photo.mime)},
                           data={"media_category": "tweet_image"}, headers=self._auth())
        media_id = str(answer(response, "uploading a photo to X")["data"]["id"])
        meta = {"id": media_id, "metadata": {"alt_text": {"text": photo.alt}}}
        answer(request(self.client, "POST", self.base + "/2/media/metadata", "adding alt text on X", json=meta,
                       headers=self._auth()), "adding alt text on X")
        return media_id

    def delete(self, item: OutboxItem) -> dict[str, Any]:
        response = request(self.client, "DELETE", f"{self.base}/2/tweets/{item.platform_id}", "deleting on X",
                           headers=self._auth())
        return dict(answer(response, "deleting on X"))

    def _sent(self, tweet: dict[str, Any]) -> Sent:
        if "id" not in tweet:
            raise PublishError(f"X's answer has no post id: {str(tweet)[:200]}")
        me = self.me()
        when = str(tweet.get("created_at") or datetime.now(UTC).isoformat()).replace("Z", "+00:00")
        return Sent(platform_id=str(tweet["id"]), url=f"https://x.com/{me['username']}/status/{tweet['id']}",
                    created_at=datetime.fromisoformat(when), author_id=str(me["id"]),
                    author_handle=str(me["username"]), answer=tweet)
