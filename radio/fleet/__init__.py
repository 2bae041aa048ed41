"""The fleet: what stations report about themselves (health), remote commands, emergency
receipts and alerts. See docs/fleet.md for the protocol."""


def init_app(app) -> None:
    from radio.fleet.fleet_cli import fleet_command  # H4: radio fleet

    app.cli.add_command(fleet_command)  # H4: radio fleet
