"""Pages for remote commands to station agents: a station's command history and send form, and
the small send form the fleet page includes."""
