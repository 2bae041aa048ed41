"""Loudspeaker clusters (cụm loa) of a station: writes in operations.py, reads in queries.py,
checks in validation.py, the `radio cluster` commands in cli.py."""


def init_app(app) -> None:
    from radio.clusters.cli import cluster_cli

    app.cli.add_command(cluster_cli)
