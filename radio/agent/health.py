"""The agent's health report, sent inside each heartbeat (docs/fleet.md, "health").

PLACEHOLDER of the base commit: the full report (uptime, disk, cache readiness, player state,
output level and silence, volume, link quality, clock offset) replaces this body.
"""

from __future__ import annotations


def report(agent) -> dict:
    return {}
