"""URL rules of the network pages (read-only)."""

from flask import Blueprint

from web.network import hierarchy, lists, maps, units

bp = Blueprint("network", __name__, url_prefix="/network")
bp.add_url_rule("/", "index", hierarchy.index)
bp.add_url_rule("/units/<code>", "unit", units.unit)
bp.add_url_rule("/units/<code>/<valid_from>", "unit_edition", units.unit_edition)
bp.add_url_rule("/units/<code>/<valid_from>/emergency-by-editor", "emergency_by_editor",
                units.emergency_by_editor, methods=["POST"])
bp.add_url_rule("/stations", "stations", lists.stations)
bp.add_url_rule("/clusters", "clusters", lists.clusters)
bp.add_url_rule("/map", "cluster_map", maps.cluster_map)


def init_app(app) -> None:
    app.extensions.setdefault("radio.dashboard_panels", []).append(hierarchy.dashboard_panel)
