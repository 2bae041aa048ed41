"""Password rules, the same wherever a password is set (web forms, `radio user add`, init).

At least MIN_PASSWORD_LENGTH characters, not one of the 1,000 most common passwords (shipped in
radio/data/common-passwords.txt), and not containing the username.
"""

from __future__ import annotations

import secrets
from functools import cache
from pathlib import Path

from radio.errors import DomainError
from radio.i18n import _
from radio.security import MIN_PASSWORD_LENGTH

COMMON_PASSWORDS = Path(__file__).parent / "data" / "common-passwords.txt"


@cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def check_password(password: str, username: str) -> None:
    """Raise DomainError (field "password") when the password breaks a rule."""
    password = password or ""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError(_("Mật khẩu phải có ít nhất %(n)d ký tự.", n=MIN_PASSWORD_LENGTH),
                          "weak_password", field="password")
    if password.strip().lower() in common_passwords():
        raise DomainError(_("Mật khẩu này nằm trong danh sách mật khẩu phổ biến, rất dễ bị đoán. "
                            "Hãy chọn mật khẩu khác."), "common_password", field="password")
    name = (username or "").strip().lower()
    if name and name in password.lower():
        raise DomainError(_("Mật khẩu không được chứa tên đăng nhập."), "password_has_username",
                          field="password")


# No 0/O, 1/l/I: a one-time password is read off a screen and typed.
_READABLE = "abcdefghijkmnpqrstuvwxyz23456789"


def one_time_password() -> str:
    """Three groups of four readable characters ("k7m2-x9pq-4hta"), about 60 random bits."""
    return "-".join("".join(secrets.choice(_READABLE) for _ in range(4)) for _ in range(3))
