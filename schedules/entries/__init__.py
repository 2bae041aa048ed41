"""Entries: one-off and batch entries, emergencies, validation, station targeting and the calendar."""
