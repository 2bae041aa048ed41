"""The fleet: what stations report about themselves (health), remote commands, emergency
receipts and alerts. See docs/fleet.md for the protocol."""


def init_app(app) -> None:
    from radio.cli import station_cli
    from radio.fleet.cli import command_list, station_command

    station_cli.add_command(station_command)
    station_cli.add_command(command_list)
