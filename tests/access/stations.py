"""Expected access for the stations endpoints (format: tests/access/__init__.py)."""

EXPECTED: dict[str, dict[str, str]] = {}
ARGS: dict[str, object] = {}
