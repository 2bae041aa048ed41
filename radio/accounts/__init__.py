"""Accounts: users, roles, passwords, staff API tokens (writes in operations.py, reads in util.py)."""


def init_app(app) -> None:
    from radio.accounts.cli import user_cli

    app.cli.add_command(user_cli)
