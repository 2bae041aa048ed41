"""Emergency receipts: tell the server when an emergency was received, started and finished
(docs/fleet.md, "receipts").

PLACEHOLDER of the base commit: `started` and `finished` are called by the runner when an
emergency item starts and ends; the real sending replaces these bodies.
"""

from __future__ import annotations


def received(agent, emergency: dict) -> None:
    return None


def started(agent, item) -> None:
    return None


def finished(agent, item, status: str) -> None:
    return None
