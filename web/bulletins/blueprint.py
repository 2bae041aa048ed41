"""URL rules of the written bulletin pages (under the library)."""

from flask import Blueprint

from radio.db import db
from radio.models import BulletinText
from web.bulletins import controllers as c

bp = Blueprint("bulletins", __name__, url_prefix="/library/bulletins")

bp.add_url_rule("/new", "new", c.new, methods=["GET", "POST"])
bp.add_url_rule("/<int:item_id>/edit", "edit", c.edit, methods=["GET", "POST"])
bp.add_url_rule("/preview", "preview", c.preview, methods=["POST"])
bp.add_url_rule("/preview/<token>", "preview_audio", c.preview_audio)
bp.add_url_rule("/bulletins.js", "script", c.script)


@bp.app_template_global("has_bulletin_text")
def has_bulletin_text(item) -> bool:
    """Whether a library item was made from a text (the item page links "Sửa văn bản")."""
    return item is not None and db.session.get(BulletinText, item.id) is not None
