"""Scope checks of the planning pages: a scoped editor plans only on the stations of their unit.

A programme is planned on stations for months ahead, so a scoped editor may create or change
only a programme aimed at chosen stations that all lie in their scope; a network-wide target
(all stations, the district, every commune) stays with unscoped editors and admins.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import g

from radio import scopes
from radio.i18n import _
from radio.models import Programme, ProgrammeTarget, ScheduleEntry
from schedules.entries import targeting


def _principal():
    return g.get("principal")


def require_programme_target(target: str, codes: Iterable[str]) -> None:
    """Refuse (403) a programme target outside the acting editor's scope."""
    principal = _principal()
    if not scopes.is_scoped(principal):
        return
    if target != ProgrammeTarget.chosen.value:
        raise scopes.OutOfScope(_("Tài khoản theo đơn vị chỉ lập chuyên mục cho các đài/trạm "
                                  "được chọn trong phạm vi của mình."), field="target")
    scopes.require_stations(principal, targeting.stations_by_codes(codes))


def require_programme(prog: Programme) -> None:
    """Refuse (403) changes to a programme that reaches beyond the acting editor's scope."""
    principal = _principal()
    if not scopes.is_scoped(principal):
        return
    require_programme_target(prog.target.value, [s.code for s in prog.stations])


def require_entries(rows: Iterable[ScheduleEntry]) -> None:
    """Refuse (403) changes to entries on stations outside the acting editor's scope."""
    scopes.require_stations(_principal(), {r.station.id: r.station for r in rows}.values())
