"""API route to schedule an item (or a relay of a station) on stations: the same service, checks
and messages as the web form and `radio schedule add` (a time in the past is refused, code
in_past)."""

from __future__ import annotations

from datetime import datetime

from flask import jsonify

from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from schedules.entries import operations as entry_ops
from schedules.entries import targeting
from web.access import EDITORS, allow, current_actor, require_relay_source, stations_in_scope
from web.api.asrun import _json_body, _start_write
from web.api.blueprint import ERR, bp, json_answer

OPENAPI_PATHS: dict = {
    "/api/v1/schedules": {
        "post": {
            "summary": "Schedule a library item, or a relay of a station, on stations (editors)",
            "description": "The checks of the web form: overlaps, windows (confirm), item "
                           "readiness, and no time in the past (409, code in_past). "
                           "`clusters` narrows the entries to some loudspeaker clusters: "
                           "each station takes the chosen clusters that belong to it (a "
                           "station with none of them airs on the whole station); a cluster "
                           "of no chosen station is refused (400, code "
                           "cluster_other_station), as is one that does not exist on the "
                           "day (409, code cluster_closed). Instead of `media_id`, "
                           "`relay_station` (a station code) with `duration_s` relays that "
                           "station (with `live`: its scheduled live stream); a scoped editor "
                           "may relay the stations of their scope and those of the units "
                           "above it (403, code station_forbidden, otherwise).",
            "security": [{"bearer": []}],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["starts_at"],
                "properties": {
                    "media_id": {"type": "integer"},
                    "relay_station": {"type": "string",
                                      "description": "Relay this station instead of an item"},
                    "live": {"type": "boolean"},
                    "duration_s": {"type": "integer", "description": "Length of a relay"},
                    "starts_at": {"type": "string", "format": "date-time",
                                  "description": "ISO 8601 with an offset"},
                    "stations": {"type": "array", "items": {"type": "string"}},
                    "target": {"enum": ["chosen", "communes", "all"]},
                    "clusters": {"type": "array", "items": {"type": "string"},
                                 "description": "Cluster codes; empty or absent: the whole "
                                                "station"},
                    "priority": {"enum": ["normal", "priority"]},
                    "confirm": {"type": "boolean"}}}}}},
            "responses": {
                "201": json_answer({"type": "object", "properties": {
                    "entries": {"type": "array", "items": {"type": "integer"}}}},
                    "The entries made, one per station"),
                "400": ERR, "401": ERR, "403": ERR, "404": ERR, "409": ERR,
            },
        }
    },
}


def _time(value) -> datetime:
    try:
        parsed = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise DomainError(_("starts_at phải là thời gian ISO 8601 có múi giờ, ví dụ "
                            "2026-12-03T17:40:00+07:00."), "invalid_time", field="starts_at")
    return parsed


@bp.post("/schedules")
@allow(EDITORS)
def schedule_add():
    body = _json_body()
    media_id = body.get("media_id")
    relay = body.get("relay_station") if media_id is None else None
    if relay is not None:
        if not isinstance(relay, str) or not relay:
            raise DomainError(_("relay_station phải là mã đài/trạm."), "invalid_field",
                              field="relay_station")
        duration_s = body.get("duration_s")
        if isinstance(duration_s, bool) or not isinstance(duration_s, int):
            raise DomainError(_("duration_s phải là số nguyên (giây)."), "invalid_field",
                              field="duration_s")
    elif isinstance(media_id, bool) or not isinstance(media_id, int):
        raise DomainError(_("media_id phải là số nguyên."), "invalid_media", field="media_id")
    starts_at = _time(body.get("starts_at"))
    priority = body.get("priority") or "normal"
    if priority == "emergency":
        raise DomainError(_("Bản tin khẩn cấp gửi từ trang Khẩn cấp hoặc lệnh "
                            "radio schedule add --priority emergency."), "use_emergency",
                          field="priority")
    target = body.get("target") or "chosen"
    codes = body.get("stations") or []
    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        raise DomainError(_("stations phải là danh sách mã đài/trạm."), "invalid_field",
                          field="stations")
    clusters = body.get("clusters") or []
    if not isinstance(clusters, list) or not all(isinstance(c, str) for c in clusters):
        raise DomainError(_("clusters phải là danh sách mã cụm loa."), "invalid_field",
                          field="clusters")
    stations = targeting.stations_for_choice(codes=codes, all_communes=target == "communes",
                                             everything=target == "all", on=starts_at.date())
    stations = stations_in_scope(stations, chosen=target not in ("communes", "all"))
    require_relay_source(relay)
    _start_write()
    content = {"media_id": media_id} if relay is None else {
        "relay_station_code": relay, "live": bool(body.get("live")),
        "duration_s": body["duration_s"]}
    rows = entry_ops.add_entries(current_actor(), stations=stations, starts_at=starts_at,
                                 priority=priority, confirm=bool(body.get("confirm")),
                                 clusters=clusters, **content)
    db.session.commit()
    return jsonify({"entries": [r.id for r in rows]}), 201
