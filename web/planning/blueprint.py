"""URL rules of the planning pages (filled in by the planning work)."""

from flask import Blueprint

bp = Blueprint("planning", __name__, url_prefix="/planning")
