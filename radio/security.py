"""Passwords and tokens: only hashes are stored."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from werkzeug.security import check_password_hash, generate_password_hash

MIN_PASSWORD_LENGTH = 10


def hash_password(password: str) -> str:
    return generate_password_hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    return check_password_hash(stored_hash, password)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    # Tokens carry 256 random bits, so an unsalted fast hash is enough and allows lookup.
    return hashlib.sha256(token.encode()).hexdigest()


def token_matches(stored_hash: str | None, token: str) -> bool:
    return bool(stored_hash) and hmac.compare_digest(stored_hash, hash_token(token))


def generate_password() -> str:
    return secrets.token_urlsafe(12)
