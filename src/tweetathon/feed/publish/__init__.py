"""One publisher per platform (x, mastodon, bluesky), each over an httpx.Client passed in."""
