"""Administrative units: editions of the official list, lineage, the Gio Linh facts."""
