"""URL rules of the operator pages (filled in by the operator work)."""

from flask import Blueprint

bp = Blueprint("operator", __name__, url_prefix="/operator")
