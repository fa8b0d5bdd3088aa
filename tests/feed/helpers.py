"""Shared by the feed tests: an event, actors, a photo with EXIF and GPS."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image

from tweetathon.feed.model import Actor
from tweetathon.model import Event
from tweetathon.store.store import Store

ALICE = Actor("alice", "editor")
BOB = Actor("bob", "editor")
OLIVE = Actor("olive", "organiser")
VIC = Actor("vic", "viewer")


def add_event(store: Store, slug: str = "gmp24", hashtag: str = "gmp24") -> str:
    store.ensure_event(Event(slug=slug, name=slug, hashtags=(hashtag,), kind="livefeed",
                             start=datetime(2026, 1, 1, tzinfo=UTC), end=datetime(2027, 1, 1, tzinfo=UTC)))
    return slug


def photo_with_gps(path: Path) -> Path:
    """A JPEG carrying a camera make, an orientation, a comment and a GPS position (a house in Manchester)."""
    image = Image.new("RGB", (64, 48), (30, 90, 160))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0112] = 1
    exif[0x8825] = {1: "N", 2: (53.0, 28.0, 51.2), 3: "W", 4: (2.0, 14.0, 33.1)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, comment=b"taken at the victim's house")
    path.write_bytes(out.getvalue())
    return path
