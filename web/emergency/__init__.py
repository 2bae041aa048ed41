"""Emergencies on screen: send (form, then a confirm screen of what airs where), the live page
of each station's status, cancel everywhere, and the red banner on every staff page."""

from __future__ import annotations

from flask import g

from radio import clock


def init_app(app) -> None:
    @app.context_processor
    def emergency_banner():
        """The emergencies on air, for the banner (editors, operators and the rest of staff)."""
        principal = g.get("principal")
        if principal is None or getattr(principal, "role", None) is None:
            return {"emergencies_on_air": []}
        from schedules.entries import emergencies

        return {"emergencies_on_air": emergencies.on_air_titles(clock.now())}
