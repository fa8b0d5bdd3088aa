"""Pseudonyms for the public in everything a person might publish. Pure: no I/O (the store reads the inputs).

    privacy = store.privacy.event_privacy(store, "poltwt")        # the event's setting and secret
    people = store.privacy.participant_accounts(store, "poltwt")  # approved participants and their ids
    names = Pseudonymiser.for_event(privacy, people)
    names.shown("x", "123", "resident_jo")    # "Resident 7K2M9QXA" (the public, pseudonymised) or "@gmpolice"
    names.is_public("x", "123", "resident_jo")  # True: not a registered participant of the event

Participants (approved registrations: agencies and officers who chose to be public) are always named. Everyone
else is "the public", shown as "Resident XXXXXXXX" unless the event names the public (`event set --name-public`).
A pseudonym is HMAC-SHA256 over the platform and the lower-case handle (the account id when no handle is known),
keyed with the event's own random secret: the same account gets the same pseudonym in every output of that event,
a different one in another event, and nobody without the secret can recompute or reverse it. Ids of the public
(account and post ids) are replaced by `pseudo_id` values ('p' + 16 hex digits) from the same secret, so rows
still join (a reply to its post) but cannot be looked up on the platform. 40 bits for labels and 64 for ids make a
clash between two accounts of one event unlikely (under 1 in 200 for 100,000 public accounts).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tweetathon.enrich.text import MENTION_RE

LABEL = "Resident"


@dataclass(frozen=True, slots=True)
class EventPrivacy:
    """An event's privacy setting: its secret, whether the public is pseudonymised, and its retention period
    (e.g. '12m'; None: kept until purged by hand)."""

    slug: str
    secret: bytes
    pseudonymise_public: bool = True
    retention: str | None = None


@dataclass(frozen=True, slots=True)
class ParticipantAccount:
    """A participant's platform, lower-case handle, and the account ids known for it."""

    platform: str
    handle: str
    account_ids: tuple[str, ...] = ()


def _handle(handle: str | None) -> str:
    return (handle or "").strip().lstrip("@").casefold()


@dataclass(frozen=True, slots=True)
class Pseudonymiser:
    """Names participants, pseudonymises the public when `enabled` (see the module docstring)."""

    secret: bytes
    enabled: bool = True
    handles: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    ids: frozenset[tuple[str, str]] = field(default_factory=frozenset)

    @classmethod
    def for_event(cls, privacy: EventPrivacy, participants: Iterable[ParticipantAccount]) -> Pseudonymiser:
        people = list(participants)
        return cls(privacy.secret, privacy.pseudonymise_public,
                   frozenset((p.platform, _handle(p.handle)) for p in people),
                   frozenset((p.platform, i) for p in people for i in p.account_ids))

    def is_public(self, platform: str, account_id: str | None, handle: str | None) -> bool:
        """Not a registered participant: matched by account id, else by handle."""
        if account_id and (platform, account_id) in self.ids:
            return False
        return not (handle and (platform, _handle(handle)) in self.handles)

    def hides(self, platform: str, account_id: str | None, handle: str | None) -> bool:
        """True when this account is shown under a pseudonym in this event's outputs."""
        return self.enabled and self.is_public(platform, account_id, handle)

    def _digest(self, message: str) -> bytes:
        return hmac.new(self.secret, message.encode(), hashlib.sha256).digest()

    def pseudonym(self, platform: str, account_id: str | None, handle: str | None) -> str:
        """The account's pseudonym, 'Resident 7K2M9QXA', whatever the setting (keyed by handle, else id)."""
        key = f"h:{platform}:{_handle(handle)}" if _handle(handle) else f"i:{platform}:{account_id or ''}"
        return f"{LABEL} {base64.b32encode(self._digest(key)[:5]).decode()}"

    def label(self, platform: str, account_id: str | None, handle: str | None) -> str:
        """How the account is named: its pseudonym when hidden, else its handle (or id) without '@'."""
        if self.hides(platform, account_id, handle):
            return self.pseudonym(platform, account_id, handle)
        return (handle or "").lstrip("@") or (account_id or "")

    def shown(self, platform: str, account_id: str | None, handle: str | None) -> str:
        """As a reader sees it: the pseudonym, or '@handle'."""
        name = self.label(platform, account_id, handle)
        return name if self.hides(platform, account_id, handle) else "@" + name

    def pseudo_id(self, platform: str, value: str) -> str:
        """A stand-in for an id of the public (account or post): 'p' + 16 hex digits, stable in the event."""
        return "p" + self._digest(f"id:{platform}:{value}")[:8].hex()

    def account_id(self, platform: str, account_id: str | None, handle: str | None = None) -> str | None:
        """The id as published: kept for participants or when the public is named, else `pseudo_id`."""
        if not account_id or not self.hides(platform, account_id, handle):
            return account_id
        return self.pseudo_id(platform, account_id)

    def mention(self, platform: str, handle: str) -> str | None:
        """What replaces '@handle' in a published text: the pseudonym, or None to keep the mention."""
        return self.pseudonym(platform, None, handle) if self.hides(platform, None, handle) else None

    def node(self, name: str) -> str:
        """A network node name ('platform:handle', or 'platform:id:ID' when no handle is known) as published."""
        platform, _, rest = name.partition(":")
        account_id, handle = (rest[3:], None) if rest.startswith("id:") else (None, rest)
        return self.pseudonym(platform, account_id, handle) if self.hides(platform, account_id, handle) else name

    def text(self, platform: str, text: str) -> str:
        """`text` with every @mention of the public replaced by its pseudonym (participants stay mentioned)."""
        if not self.enabled or "@" not in text:
            return text
        return MENTION_RE.sub(lambda m: self.mention(platform, m.group(1)) or m.group(0), text)


def hide_network(network: Mapping[str, Any], names: Pseudonymiser) -> dict[str, Any]:
    """The `network` figure with the public among its most addressed accounts under their pseudonyms."""
    addressed = [{**row, "account": names.node(str(row["account"]))} for row in network.get("most_addressed") or []]
    return {**network, "most_addressed": addressed}


def named(secret: bytes = b"") -> Pseudonymiser:
    """A Pseudonymiser that names everyone (outputs that are not of one event)."""
    return Pseudonymiser(secret or b"-", enabled=False)
