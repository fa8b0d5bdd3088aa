"""Which sources a capture runs: from the configuration, the event's hashtags and the platforms asked for."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import httpx

from tweetathon.capture.credentials import CaptureConfig
from tweetathon.capture.http import Backoff
from tweetathon.capture.runner import Source
from tweetathon.model import Event
from tweetathon.store.capture import CaptureStore
from tweetathon.store.store import Store


class NotConfigured(Exception):
    """A platform was asked for but its configuration is missing: says which setting to provide."""


@dataclass(frozen=True)
class Tuning:
    """Timings (shortened by tests): poll intervals and the backoff of reconnects and retries."""

    poll_seconds: float = 30.0
    backoff: Backoff = field(default_factory=Backoff)
    conversation_hours: float = 48.0


def build_sources(config: CaptureConfig, event: Event, platforms: Sequence[str], client: httpx.Client,
                  tuning: Tuning | None = None, store: Store | None = None) -> list[Source]:
    tuning = tuning or Tuning()
    sources: list[Source] = []
    for platform in platforms:
        if platform == "x":
            sources += _x_sources(config, event, client, tuning, store)
        elif platform == "mastodon":
            sources += _mastodon_sources(config, event, client, tuning, store)
        elif platform == "bluesky":
            sources += _bluesky_sources(config, event, client, tuning, store)
    return sources


def _x_sources(config: CaptureConfig, event: Event, client: httpx.Client, tuning: Tuning,
               store: Store | None) -> list[Source]:
    from tweetathon.capture.x_api import XSearchSource, XStreamSource
    from tweetathon.capture.x_conversation import XConversationSource

    if not config.x_bearer_token:
        raise NotConfigured("X capture needs a bearer token: set TWEETATHON_X_BEARER_TOKEN "
                            "or [x] bearer_token in the --config file")
    token = config.x_bearer_token.reveal()
    sources: list[Source] = [
        XStreamSource(client, config.x_api_url, token, event.hashtags, f"tweetathon:{event.slug}", tuning.backoff),
        XSearchSource(client, config.x_api_url, token, event.hashtags, tuning.poll_seconds, tuning.backoff)]
    if store is not None:
        capture = CaptureStore(store, event.slug)
        sources.append(XConversationSource(client, config.x_api_url, token, capture.roots("x", event.hashtags),
                                           tuning.poll_seconds, tuning.backoff, config.x_query_max_length))
    return sources


def _mastodon_sources(config: CaptureConfig, event: Event, client: httpx.Client,
                      tuning: Tuning, store: Store | None) -> list[Source]:
    from tweetathon.capture.mastodon_api import mastodon_sources

    if not config.mastodon_instances:
        raise NotConfigured("Mastodon capture needs instances: set TWEETATHON_MASTODON_INSTANCES "
                            "(comma-separated URLs) or [mastodon] instances in the --config file")
    return mastodon_sources(config, event, client, tuning.poll_seconds, tuning.backoff, store,
                            tuning.conversation_hours)


def _bluesky_sources(config: CaptureConfig, event: Event, client: httpx.Client,
                     tuning: Tuning, store: Store | None) -> list[Source]:
    from tweetathon.capture.bluesky_api import bluesky_sources

    known = CaptureStore(store, event.slug).event_post_ids("bluesky") if store is not None else []
    return bluesky_sources(config, event, client, tuning.poll_seconds, tuning.backoff, known)
