"""URL rules of the archive pages (filled in by the archive work)."""

from flask import Blueprint

bp = Blueprint("archive", __name__, url_prefix="/archive")
