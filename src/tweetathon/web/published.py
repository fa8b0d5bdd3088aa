"""A post as the public API publishes it: under the event's privacy setting (`tweetathon event set`), members of
the public appear under their pseudonyms, with their ids replaced and links to them left out, as in the event's
exports (`exports._Hider`) and reports. Participants' posts and ids are kept. Pure."""

from __future__ import annotations

from typing import Any

from tweetathon.privacy.pseudonyms import Pseudonymiser


def published_post(row: dict[str, Any], names: Pseudonymiser, keep: frozenset[tuple[str, str]]) -> dict[str, Any]:
    """`row` (a `store.web_reads.post_page` row) with the public hidden when `names` is enabled. `keep`: the
    (platform, post id) of participants' posts, whose ids stay as they are."""
    values = {k: v for k, v in row.items() if k != "id"}
    if not names.enabled:
        return values
    platform = row["platform"]
    hidden = names.hides(platform, row["author_id"], row["author_handle"])

    def reference(post_id: str | None, author_hidden: bool | None = None) -> str | None:
        if not post_id or (platform, post_id) in keep or author_hidden is False:
            return post_id
        return names.pseudo_id(platform, post_id)

    values.update(post_id=reference(row["post_id"], hidden), conversation_id=reference(row["conversation_id"]),
                  in_reply_to_post_id=reference(row["in_reply_to_post_id"]),
                  author_id=names.account_id(platform, row["author_id"], row["author_handle"]),
                  author_handle=names.label(platform, row["author_id"], row["author_handle"]),
                  text=names.text(platform, row["text"] or ""))
    if hidden:
        values["url"] = None
    return values
