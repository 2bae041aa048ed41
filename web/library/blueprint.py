"""URL rules of the library pages (filled in by the library work)."""

from flask import Blueprint

bp = Blueprint("library", __name__, url_prefix="/library")
