"""URL rules for administration pages."""

from flask import Blueprint

from web.admin import controllers, scope

bp = Blueprint("admin", __name__, url_prefix="/admin")
bp.add_url_rule("/stations", "stations", controllers.stations)
bp.add_url_rule("/stations/new", "station_new", controllers.station_new, methods=["GET", "POST"])
bp.add_url_rule("/stations/<code>", "station_edit", controllers.station_edit,
                methods=["GET", "POST"])
bp.add_url_rule("/stations/<code>/merge", "station_merge", controllers.station_merge,
                methods=["POST"])
bp.add_url_rule("/stations/<code>/token", "station_token", controllers.station_token,
                methods=["POST"])
bp.add_url_rule("/users", "users", controllers.users_list)
bp.add_url_rule("/users/new", "user_new", controllers.user_new, methods=["GET", "POST"])
bp.add_url_rule("/users/<username>", "user_edit", controllers.user_edit, methods=["GET", "POST"])
bp.add_url_rule("/users/<username>/token", "user_token", controllers.user_token, methods=["POST"])
bp.add_url_rule("/users/<username>/scope", "user_scope", scope.user_scope, methods=["POST"])
bp.add_url_rule("/users/<username>/password", "user_password", controllers.user_password,
                methods=["POST"])
