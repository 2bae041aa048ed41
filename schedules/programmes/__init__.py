"""Programmes: their recurrence rule, occurrences, rundowns, rendering and materialisation."""
