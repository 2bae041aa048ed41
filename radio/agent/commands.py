"""Remote commands from the `/now` poll: acknowledge each (delivered, done or failed) and carry
it out: volume, stop, play, resync, restart (docs/fleet.md, "commands").

PLACEHOLDER of the base commit: the real handling replaces this body.
"""

from __future__ import annotations


def handle(agent, commands: list[dict]) -> None:
    return None
