"""Accounts and API tokens on SQLite and PostgreSQL: roles, argon2id hashes, tokens shown once, audit entries."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tweetathon.audit import entries
from tweetathon.auth.login import authenticate
from tweetathon.auth.tokens import add_token, list_tokens, revoke_token, verify_token
from tweetathon.auth.users import AccountError, add_user, get_user, has_role, list_users, remove_user, set_password
from tweetathon.store.schema import api_tokens, users
from tweetathon.store.store import Store

PASSWORD = "correct horse battery"


def test_a_user_is_stored_with_an_argon2id_hash_never_the_password(store: Store) -> None:
    add_user(store, "ana", PASSWORD, "organiser", actor="cli:root")
    with store.engine.connect() as conn:
        stored = conn.execute(select(users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored
    assert [(u.name, u.role) for u in list_users(store)] == [("ana", "organiser")]


def test_roles_are_ordered_organiser_editor_viewer(store: Store) -> None:
    editor = add_user(store, "ed", PASSWORD, "editor", actor="t")
    assert has_role(editor, "viewer") and has_role(editor, "editor")
    assert not has_role(editor, "organiser")
    assert not has_role(None, "viewer")
    with pytest.raises(AccountError, match="unknown role"):
        has_role(editor, "admin")


@pytest.mark.parametrize(("name", "password", "role", "message"), [
    ("bad name", PASSWORD, "viewer", "bad account name"),
    ("ok", "short", "viewer", "password too short"),
    ("ok", PASSWORD, "admin", "unknown role"),
])
def test_bad_accounts_are_refused_with_a_reason(store: Store, name: str, password: str, role: str,
                                                message: str) -> None:
    with pytest.raises(AccountError, match=message):
        add_user(store, name, password, role, actor="t")
    assert list_users(store) == []


def test_a_taken_name_is_refused(store: Store) -> None:
    add_user(store, "ana", PASSWORD, "viewer", actor="t")
    with pytest.raises(AccountError, match="already exists"):
        add_user(store, "ana", PASSWORD + "x", "organiser", actor="t")
    assert get_user(store, "ana").role == "viewer"  # type: ignore[union-attr]


def test_changing_and_removing_accounts_is_audited_without_secrets(store: Store) -> None:
    add_user(store, "ana", PASSWORD, "editor", actor="cli:root")
    assert set_password(store, "ana", "a new passphrase 2", actor="cli:root")
    assert not authenticate(store, "ana", PASSWORD).ok
    assert authenticate(store, "ana", "a new passphrase 2").ok
    assert remove_user(store, "ana", actor="cli:root")
    assert not remove_user(store, "ana", actor="cli:root")
    log = entries(store)
    assert [e.action for e in log] == ["user.remove", "user.login", "user.passwd", "user.add"]
    assert log[-1].after == {"name": "ana", "role": "editor"} and log[-1].actor == "cli:root"
    assert all(PASSWORD not in str(e.as_dict()) and "argon2" not in str(e.as_dict()) for e in log)


def test_a_token_is_shown_once_stored_hashed_and_verified(store: Store) -> None:
    token, text = add_token(store, "newsroom", "viewer", actor="cli:root")
    with store.engine.connect() as conn:
        row = conn.execute(select(api_tokens)).mappings().one()
    assert text.startswith(f"tw_{token.prefix}_") and text not in str(dict(row))
    found = verify_token(store, text)
    assert found is not None and found.name == "newsroom" and has_role(found, "viewer")
    assert found.last_used_at is not None
    assert not has_role(found, "editor")


def test_wrong_malformed_and_revoked_tokens_are_refused(store: Store) -> None:
    _token, text = add_token(store, "bot", "editor", actor="t")
    forged = text[:-4] + ("AAAA" if not text.endswith("AAAA") else "BBBB")
    assert verify_token(store, forged) is None
    assert verify_token(store, "tw_nonsense") is None
    assert verify_token(store, "") is None
    assert revoke_token(store, "bot", actor="t")
    assert verify_token(store, text) is None
    assert not revoke_token(store, "bot", actor="t")
    assert [(t.name, t.active) for t in list_tokens(store)] == [("bot", False)]
    assert [e.action for e in entries(store, action="token.")] == ["token.revoke", "token.add"]


def test_a_token_name_is_unique(store: Store) -> None:
    add_token(store, "bot", actor="t")
    with pytest.raises(AccountError, match="already exists"):
        add_token(store, "bot", actor="t")


def test_the_last_organiser_cannot_be_removed_or_demoted(store: Store) -> None:
    from tweetathon.auth.users import set_role

    add_user(store, "ana", PASSWORD, "organiser", actor="t")
    add_user(store, "ed", PASSWORD, "editor", actor="t")
    with pytest.raises(AccountError, match="ana is the last organiser"):
        remove_user(store, "ana", actor="t")
    with pytest.raises(AccountError, match="ana is the last organiser"):
        set_role(store, "ana", "editor", actor="t")
    assert set_role(store, "ed", "organiser", actor="t")
    assert set_role(store, "ana", "viewer", actor="t") and remove_user(store, "ana", actor="t")
    assert [(u.name, u.role) for u in list_users(store)] == [("ed", "organiser")]
