"""Which loudspeaker clusters an entry is for: none (the whole station) or some of its
station's clusters. An emergency is always for every cluster, so a choice is refused on it."""

from __future__ import annotations

from collections.abc import Iterable
from zoneinfo import ZoneInfo

from radio.clusters.queries import clusters_by_codes
from radio.errors import DomainError
from radio.i18n import _
from radio.models import Cluster, Station
from schedules.entries.validation import ERROR, Issue, Slot


def choose_clusters(stations: Iterable[Station], codes: Iterable[str] | None, *,
                    priority: str = "normal") -> dict[int, list[Cluster]]:
    """The chosen clusters per station id. Each cluster must belong to one of the stations;
    an entry on several stations takes, on each, the clusters that belong to it (a station
    with none of the chosen clusters gets the whole station). Raises DomainError."""
    clusters = clusters_by_codes(codes or ())
    if not clusters:
        return {}
    if priority == "emergency":
        raise DomainError(_("Bản tin khẩn cấp luôn phát trên mọi cụm loa của đài/trạm: hãy bỏ "
                            "chọn cụm loa."), "emergency_all_clusters", field="clusters")
    by_id = {s.id: s for s in stations}
    out: dict[int, list[Cluster]] = {}
    for cluster in clusters:
        if cluster.station_id not in by_id:
            names = ", ".join(s.name for s in by_id.values())
            raise DomainError(
                _("Cụm loa “%(cluster)s” thuộc %(owner)s, không thuộc đài/trạm được chọn "
                  "(%(stations)s).", cluster=cluster.name, owner=cluster.station.name,
                  stations=names), "cluster_other_station", field="clusters")
        out.setdefault(cluster.station_id, []).append(cluster)
    return {sid: sorted(rows, key=lambda c: c.code) for sid, rows in out.items()}


def cluster_issues(slots: Iterable[Slot], chosen: dict[int, list[Cluster]],
                   tz: ZoneInfo) -> list[Issue]:
    """Chosen clusters that do not exist on a slot's local day (added later, or ended)."""
    if not chosen:
        return []
    issues, seen = [], set()
    for slot in slots:
        day = slot.starts_at.astimezone(tz).date()
        for cluster in chosen.get(slot.station_id, ()):
            if (cluster.id, day) in seen or cluster.exists_on(day):
                continue
            seen.add((cluster.id, day))
            issues.append(Issue(ERROR, "cluster_closed", _(
                "Cụm loa “%(cluster)s” của %(station)s không hoạt động vào ngày %(day)s.",
                cluster=cluster.name, station=cluster.station.name,
                day=day.strftime("%d/%m/%Y")), cluster.station.code))
    return issues


def clusters_json(clusters: Iterable[Cluster]) -> list[dict]:
    return [{"code": c.code, "name": c.name} for c in clusters]
