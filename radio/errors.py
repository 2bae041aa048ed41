"""Domain errors: a stable code for the API and a Vietnamese message for people."""

from __future__ import annotations


class DomainError(Exception):
    """An error a user can cause. `code` is stable (API, tests); `message` is for people."""

    code = "invalid"
    status = 400

    def __init__(self, message: str, code: str | None = None, *, field: str | None = None,
                 details: dict | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        if code:
            self.code = code
        self.field = field
        self.details = details or {}

    def __str__(self) -> str:
        return str(self.message)


class NotFound(DomainError):
    code = "not_found"
    status = 404


class Conflict(DomainError):
    code = "conflict"
    status = 409
