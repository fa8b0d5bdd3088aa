"""Publish to a Mastodon account: photos through `POST /api/v2/media` (with their description), the status
through `POST /api/v1/statuses` with an `Idempotency-Key` (a retry returns the status already created instead of
posting again), deletion through `DELETE /api/v1/statuses/:id`.

Mastodon keeps idempotency keys for a limited time (an hour on mastodon.social), so before a retry `find` also
looks for the post among the account's latest statuses.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import httpx

from tweetathon.capture.credentials import Secret
from tweetathon.feed.crashpoints import crash_point
from tweetathon.feed.media import CleanPhoto
from tweetathon.feed.model import OutboxItem
from tweetathon.feed.publish.base import PublishError, Sent, answer, idempotency_key, request, same_text
from tweetathon.sources.mastodon import plain_text


class MastodonPublisher:
    platform = "mastodon"

    def __init__(self, client: httpx.Client, base_url: str, token: Secret) -> None:
        self.client = client
        self.base = base_url.rstrip("/")
        self.token = token
        self._me: dict[str, Any] | None = None

    def _headers(self, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token.reveal()}", **extra}

    def me(self) -> dict[str, Any]:
        if self._me is None:
            url = self.base + "/api/v1/accounts/verify_credentials"
            self._me = answer(request(self.client, "GET", url, "checking the Mastodon account",
                                      headers=self._headers()), "checking the Mastodon account")
        return self._me

    def find(self, item: OutboxItem) -> Sent | None:
        url = f"{self.base}/api/v1/accounts/{self.me()['id']}/statuses"
        statuses = answer(request(self.client, "GET", url, "reading the account's statuses", headers=self._headers(),
                                  params={"limit": 40, "exclude_reblogs": "true"}), "reading the account's statuses")
        for status in statuses:
            if same_text(plain_text(status), item.text) and _time(status) >= _minute_before(item.created_at):
                return self._sent(status)
        return None

    def post(self, item: OutboxItem, photos: Sequence[CleanPhoto], earlier: Sequence[OutboxItem]) -> Sent:
        media_ids = [self._upload(photo) for photo in photos]
        if media_ids:
            crash_point("media-uploaded")
        body: dict[str, Any] = {"status": item.text, "visibility": "public"}
        if media_ids:
            body["media_ids"] = media_ids
        if earlier:
            body["in_reply_to_id"] = earlier[-1].platform_id
        response = request(self.client, "POST", self.base + "/api/v1/statuses", "posting to Mastodon", json=body,
                           headers=self._headers(**{"Idempotency-Key": idempotency_key(item)}))
        return self._sent(answer(response, "posting to Mastodon"))

    def _upload(self, photo: CleanPhoto) -> str:
        files = {"file": (photo.name, photo.data, photo.mime)}
        response = request(self.client, "POST", self.base + "/api/v2/media", "uploading a photo to Mastodon",
                           files=files, data={"description": photo.alt}, headers=self._headers())
        return str(answer(response, "uploading a photo to Mastodon")["id"])

    def delete(self, item: OutboxItem) -> dict[str, Any]:
        url = f"{self.base}/api/v1/statuses/{item.platform_id}"
        response = request(self.client, "DELETE", url, "deleting on Mastodon", headers=self._headers())
        if response.status_code == 404:
            return {"already_gone": True}
        return dict(answer(response, "deleting on Mastodon"))

    def _sent(self, status: dict[str, Any]) -> Sent:
        if "id" not in status:
            raise PublishError(f"Mastodon's answer has no status id: {str(status)[:200]}")
        account = status.get("account") or self.me()
        return Sent(platform_id=str(status["id"]), url=status.get("url") or status.get("uri"),
                    created_at=_time(status), author_id=str(account["id"]), author_handle=account.get("acct"),
                    answer=status)


def _time(status: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(str(status["created_at"]).replace("Z", "+00:00"))


def _minute_before(when: datetime) -> datetime:
    return when - timedelta(minutes=1)
