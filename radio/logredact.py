"""No secrets in logs: `redact(text)` and a logging filter that applies it to every record.

What counts as a secret: the value of any query or form parameter whose name is a token, password,
secret or signature (`token=`, `access_token=`, `csrf_token=`, `password=`, `sig=`, ...), also when
URL-encoded inside another parameter (`next=%2Fapi%3Ftoken%3D...`); the token in a signed media
path (`/api/v1/signed/<token>.mp3`, see schedules/signing.py); and credentials after
`Authorization:` / `Bearer` / `Basic`. The filter is installed on the handlers, so it holds for
every logger whose records reach them (the access log, Werkzeug's, gunicorn's, the jobs).
"""

from __future__ import annotations

import logging
import re
import sys

MASK = "[redacted]"

# Parameter names whose values are secret: these anywhere in a name (`csrf_token`, `x-api_key`),
# the short ones only as a whole name (`sig=`, not `config=`).
_SUFFIXES = r"token|password|passwd|secret|signature|api_key|apikey"
_WHOLE = r"sig|pwd|key"
# `=` plain, once or twice URL-encoded; the value ends at `&` encoded the same way (or less), or
# at a delimiter. A plain `token=a%26b` keeps its encoded `&` inside the value.
_DELIMS = r"[&\s\"'<>#,;)\]}]"
# A name starts after a non-name character or after an encoded `?` / `&`.
_START = r"(?:(?<![\w.\-])|(?<=%3F)|(?<=%26)|(?<=%253F)|(?<=%2526))"
_NAMES = rf"(?:{_SUFFIXES}|{_START}(?:{_WHOLE}))"
_PARAMS = [re.compile(rf"(?i)({_NAMES})({eq})(?!\[redacted\])(?:(?!{stop}).)+")
           for eq, stop in (("=", _DELIMS), ("%3D", rf"(?:%26|{_DELIMS})"),
                            ("%253D", rf"(?:%2526|%26|{_DELIMS})"))]
# `"password": "..."` / `token: ...` in messages that print a mapping or a header.
_KEYVAL = re.compile(rf"(?i)((?:{_SUFFIXES}|(?<![\w.\-])(?:{_WHOLE}))[\"']?\s*:\s*)([\"'])(?:(?!\2).)*\2")
_AUTH = re.compile(r"(?i)\b(authorization[\"']?\s*[:=]\s*[\"']?)(?:(bearer|basic|token)\s+)?[^\s\"',;]+")
_BEARER = re.compile(r"(?i)\b(bearer)(\s+|%20|\+)[A-Za-z0-9_\-.~+/=%]{4,}")
_SIGNED = re.compile(r"(?i)((?:/|%2F)signed(?:/|%2F))[^/?#&\s\"'<>]+?(\.(?:mp3|ogg|opus|m4a|aac|wav))?"
                     r"(?=[/?#&\s\"'<>]|$)")


_HINTS = ("token", "pass", "secret", "sig", "pwd", "key")


def redact(text: str) -> str:
    """`text` with every secret value replaced by MASK (names and structure are kept)."""
    if not text:
        return text
    low = text.lower()  # cheap substring checks first: most log lines hold no secret at all
    if "signed" in low:
        text = _SIGNED.sub(lambda m: m[1] + MASK + (m[2] or ""), text)
    if "authorization" in low:
        text = _AUTH.sub(lambda m: m[1] + (m[2] + " " if m[2] else "") + MASK, text)
    if "bearer" in low:
        text = _BEARER.sub(lambda m: m[1] + m[2] + MASK, text)
    if not any(hint in low for hint in _HINTS):
        return text
    if ":" in text:
        text = _KEYVAL.sub(lambda m: m[1] + m[2] + MASK + m[2], text)
    for pattern, eq in zip(_PARAMS, ("=", "%3d", "%253d"), strict=True):
        if eq in low:
            text = pattern.sub(lambda m: m[1] + m[2] + MASK, text)
    return text


class RedactingFilter(logging.Filter):
    """Formats each record once, redacts the message (and traceback), and lets it through."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: let the handler report it as usual
            return True
        clean = redact(message)
        if clean != message or record.args:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


_FILTER = RedactingFilter()
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def install(level_loggers: tuple[str, ...] = ("radio.access",)) -> None:
    """Redact on every handler there is (root's and named loggers'); idempotent.

    With no root handler yet, adds one writing to stderr, so `radio.access` lines (INFO) reach
    the server's log under any WSGI server; other loggers keep the default WARNING threshold.
    """
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(handler)
    loggers = [root] + [lg for lg in logging.Logger.manager.loggerDict.values()
                        if isinstance(lg, logging.Logger)]
    for logger in loggers:
        for handler in logger.handlers:
            if _FILTER not in handler.filters:
                handler.addFilter(_FILTER)
    for name in level_loggers:
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET or logger.level > logging.INFO:
            logger.setLevel(logging.INFO)
