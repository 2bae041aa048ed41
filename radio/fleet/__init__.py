"""The fleet: what stations report about themselves (health), remote commands, emergency
receipts and alerts. See docs/fleet.md for the protocol."""


def init_app(app) -> None:
    from radio.cli import station_cli
    from radio.fleet.cli import command_list, station_command
    from radio.fleet.fleet_cli import fleet_command
    from radio.fleet.jobs import JOB_ID

    app.cli.add_command(fleet_command)  # radio fleet
    station_cli.add_command(station_command)  # radio station command
    station_cli.add_command(command_list)  # radio station command-list
    app.extensions.setdefault("radio.jobs", {})[JOB_ID] = {
        "func": "radio.fleet.jobs:housekeeping_job", "minutes": 15}
