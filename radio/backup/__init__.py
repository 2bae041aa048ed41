"""Backups: `radio backup --out`, `radio backup --verify`, `radio restore`, the nightly job."""


def init_app(app) -> None:
    from radio.backup import jobs
    from radio.backup.cli import backup_command, restore_command

    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    jobs.register(app)
