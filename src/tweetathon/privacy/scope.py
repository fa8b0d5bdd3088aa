"""An event's Pseudonymiser from its analysis scope: participants told from the public by the same rule the figures
use (approved registrations, bound to account ids by handle through the accounts and posts the event read)."""

from __future__ import annotations

from tweetathon.analysis.scope import Scope
from tweetathon.privacy.pseudonyms import EventPrivacy, ParticipantAccount, Pseudonymiser


def participant_accounts(scope: Scope) -> list[ParticipantAccount]:
    """Every approved participant of the scope with the account ids its index bound to it."""
    ids: dict[int, list[str]] = {}
    for (_platform, account_id), person in scope.index.by_id.items():
        ids.setdefault(id(person), []).append(account_id)
    return [ParticipantAccount(p.platform, p.handle, tuple(sorted(ids.get(id(p), [])))) for p in scope.index.people]


def scope_pseudonymiser(privacy: EventPrivacy, scope: Scope) -> Pseudonymiser:
    return Pseudonymiser.for_event(privacy, participant_accounts(scope))
