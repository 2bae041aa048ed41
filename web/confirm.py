"""A confirmation step for actions that cannot be undone (rotating a token, locking an account):
the first POST shows this page, which posts the same form again with confirm=1. No JavaScript."""

from __future__ import annotations

from flask import render_template, request


def confirmed() -> bool:
    return request.form.get("confirm") == "1"


def confirm_page(title: str, message: str, button: str, back: str):
    fields = [(k, v) for k, values in request.form.lists() for v in values
              if k not in ("csrf_token", "confirm")]
    return render_template("confirm.html", title=title, message=message, button=button,
                           back=back, action=request.path, fields=fields)
