"""URL rules for the cluster admin pages."""

from flask import Blueprint

from web.clusters import controllers

bp = Blueprint("clusters", __name__, url_prefix="/admin/clusters")
bp.add_url_rule("", "index", controllers.index)
bp.add_url_rule("/new", "new", controllers.new, methods=["GET", "POST"])
bp.add_url_rule("/<cluster_code>", "edit", controllers.edit, methods=["GET", "POST"])
bp.add_url_rule("/<cluster_code>/end", "end", controllers.end, methods=["POST"])
