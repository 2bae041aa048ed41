"""Scopes: which units, and so which stations, a user's role applies to (pure reads).

A user's unit (User.unit_id) bounds what their role reaches:
- a province (or a historical district): every commune whose parent it is, on any date, and,
  across editions, the provinces that lineage makes its predecessors with their historical
  districts and those districts' communes, plus every former commune that lineage makes a
  predecessor of one of those communes;
- a commune: itself and the former communes that lineage makes its predecessors (their stations
  became its clusters), through commune-level lineage only;
- an operator: only their own stations (user_stations), whatever their unit;
- an admin, or a user with no unit: the whole network.

A station belongs to the units of its StationUnit terms (any period). A station with no term is
visible only to admins and unscoped users.

The unit reads are radio/units/queries.py and radio/units/lineage.py.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, select

from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from radio.models import AdminUnit, Role, Station, StationUnit, UnitLevel, User
from radio.units.lineage import predecessor_ids
from radio.units.queries import child_ids


class OutOfScope(DomainError):
    """A station (or a whole-network action) outside the user's scope: HTTP 403."""

    code = "station_forbidden"
    status = 403


def is_scoped(user) -> bool:
    """True when a user's role is bounded (an operator, or a non-admin with a unit)."""
    if not isinstance(user, User):
        return True  # a station principal: its own station only
    if user.role == Role.operator:
        return True
    return user.role != Role.admin and user.unit_id is not None


def units_in_scope(unit: AdminUnit) -> frozenset[int]:
    """The ids of the units a role applied to `unit` reaches (see the module's docstring)."""
    if unit.level == UnitLevel.commune.value:
        return frozenset({unit.id} | predecessor_ids({unit.id}, level=UnitLevel.commune.value))
    tops = {unit.id} | predecessor_ids({unit.id}, level=unit.level)
    districts = child_ids(tops, level=UnitLevel.district.value) if \
        unit.level == UnitLevel.province.value else set()
    communes = child_ids(tops | districts, level=UnitLevel.commune.value)
    former = predecessor_ids(communes, level=UnitLevel.commune.value)
    return frozenset(tops | districts | communes | former)


def visible_unit_ids(user) -> frozenset[int] | None:
    """The unit ids a user's role applies to; None for the whole network."""
    if not isinstance(user, User) or user.role in (Role.admin, Role.operator) \
            or user.unit_id is None:
        return None
    unit = user.unit or db.session.get(AdminUnit, user.unit_id)
    return units_in_scope(unit)


# -- stations ---------------------------------------------------------------------------------

def visible_station_ids(user) -> frozenset[int] | None:
    """The ids of the stations a user may see; None for every station."""
    if not isinstance(user, User):
        station = getattr(user, "station", None)
        return frozenset({station.id}) if station is not None else frozenset()
    if user.role == Role.operator:
        return frozenset(s.id for s in user.stations)
    units = visible_unit_ids(user)
    if units is None:
        return None
    if not units:
        return frozenset()
    return frozenset(db.session.scalars(select(StationUnit.station_id).where(
        StationUnit.unit_id.in_(units)).distinct()))


def can_see_station(user, station: Station) -> bool:
    ids = visible_station_ids(user)
    return ids is None or station.id in ids


def sees_whole_network(user) -> bool:
    """Whether the user's scope holds every station there is (a province auditor of a network
    that is all in their province): then a whole-network export shows them nothing new."""
    ids = visible_station_ids(user)
    if ids is None:
        return True
    return not db.session.scalar(select(Station.id).where(Station.id.not_in(sorted(ids)))
                                 .limit(1))


def station_filter(user) -> ColumnElement[bool] | None:
    """A WHERE clause on Station for a user's scope; None when they see every station."""
    ids = visible_station_ids(user)
    return None if ids is None else Station.id.in_(sorted(ids))


def require_stations(user, stations: Iterable[Station]) -> None:
    """Refuse (403, station_forbidden) when any of the stations is outside the user's scope."""
    ids = visible_station_ids(user)
    if ids is None:
        return
    outside = [s for s in stations if s.id not in ids]
    if outside:
        raise OutOfScope(
            _("Bạn không được phép lên lịch cho đài/trạm ngoài phạm vi của mình: %(names)s.",
              names=", ".join(s.name for s in outside)), field="stations",
            details={"stations": [s.code for s in outside]})


def within_scope(user, stations: Iterable[Station]) -> list[Station]:
    """The stations of a broad choice (all, all communes) that lie in the user's scope."""
    ids = visible_station_ids(user)
    return list(stations) if ids is None else [s for s in stations if s.id in ids]


def _ancestor_unit_ids(unit_ids: set[int]) -> set[int]:
    """Every unit above `unit_ids` in the unit tree (parents, their parents, ...)."""
    found: set[int] = set()
    todo = set(unit_ids)
    while todo:
        parents = set(db.session.scalars(select(AdminUnit.parent_id).where(
            AdminUnit.id.in_(sorted(todo)), AdminUnit.parent_id.is_not(None)))) - found
        found |= parents
        todo = parents
    return found


def relay_source_ids(user) -> frozenset[int] | None:
    """The ids of the stations a user may relay (tiếp âm) or carry live; None for any station.

    The stations in scope, plus the stations serving a unit above one of theirs in the unit
    tree: a commune relays the station of its province (or, in the district era, of its
    district). The stations an entry airs on stay those of the scope (visible_station_ids)."""
    ids = visible_station_ids(user)
    if ids is None or not ids:
        return ids
    own_units = set(db.session.scalars(select(StationUnit.unit_id).where(
        StationUnit.station_id.in_(sorted(ids)))))
    above = _ancestor_unit_ids(own_units)
    if not above:
        return ids
    return ids | frozenset(db.session.scalars(select(StationUnit.station_id).where(
        StationUnit.unit_id.in_(sorted(above))).distinct()))


def require_relay_source(user, station: Station | None) -> None:
    """Refuse (403, station_forbidden) a relay or live source the user may not relay."""
    if station is None:
        return
    ids = relay_source_ids(user)
    if ids is None or station.id in ids:
        return
    raise OutOfScope(
        _("Bạn chỉ được tiếp âm đài/trạm trong phạm vi của mình hoặc đài cấp trên của đơn vị "
          "mình (đài tỉnh, trước 01/7/2025 là đài huyện); “%(name)s” nằm ngoài phạm vi đó.",
          name=station.name), field="relay_station", details={"stations": [station.code]})


def scope_station_codes(user) -> list[str] | None:
    """The codes of the stations in scope (for report filters); None for every station."""
    ids = visible_station_ids(user)
    if ids is None:
        return None
    if not ids:
        return []
    return list(db.session.scalars(select(Station.code).where(Station.id.in_(sorted(ids)))
                                   .order_by(Station.code)))


def scope_label(user) -> str:
    """How a user's scope reads on screen."""
    if isinstance(user, User) and user.role == Role.operator:
        return _("Đài/trạm được giao")
    if not isinstance(user, User) or user.role == Role.admin or user.unit is None:
        return _("Toàn mạng lưới")
    unit = user.unit
    return f"{unit.name} ({unit.code}, {unit.valid_from:%d/%m/%Y})"
