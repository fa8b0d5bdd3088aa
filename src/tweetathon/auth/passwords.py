"""Password hashing with argon2id (argon2-cffi's defaults: RFC 9106 low-memory profile, 64 MiB, t=3, p=4).

API: hash_password(password) -> str, verify_password(stored_hash, password) -> bool, waste_time(password) -> None,
needs_rehash(stored_hash) -> bool. Hashes are self-describing PHC strings (`$argon2id$v=19$m=...`).
"""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """True when `password` matches; False on a mismatch or a hash that is not argon2."""
    try:
        return _hasher.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@cache
def _dummy_hash() -> str:
    return _hasher.hash("tweetathon: no such user")


def waste_time(password: str) -> None:
    """Verify against a fixed hash and ignore the answer: an unknown name costs as long as a wrong password, so
    timing does not tell which names exist."""
    verify_password(_dummy_hash(), password)


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)
