"""Administrative units with editions and lineage: the official list, queries, reorganisations.

data.py reads the committed list (radio/data/units/), importer.py loads it, queries.py and
lineage.py read, merge.py applies a reorganisation, station_units.py links stations to units,
cli.py is `radio unit ...`; giolinh.py holds the Gio Linh facts of the demo, with sources.
"""


def init_app(app) -> None:
    from radio.units.cli import unit_cli

    app.cli.add_command(unit_cli)
