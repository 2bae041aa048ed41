"""Broadcast languages (ISO 639-3: vi, bru, pko, or one an admin adds): writes in operations.py,
reads in util.py, `radio language list|add` in cli.py."""


def init_app(app) -> None:
    from radio.languages.cli import language_cli

    app.cli.add_command(language_cli)
