"""URL rules for sign-in and language."""

from flask import Blueprint

from web.auth import controllers

bp = Blueprint("auth", __name__)
bp.add_url_rule("/login", "login", controllers.login, methods=["GET", "POST"])
bp.add_url_rule("/logout", "logout", controllers.logout, methods=["POST"])
bp.add_url_rule("/lang/<code>", "set_language", controllers.set_language)
