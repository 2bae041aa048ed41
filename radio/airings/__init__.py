"""Airings: each dated broadcast of a schedule entry, with its own status and as-run evidence.

A one-off entry has one airing; a repeating entry (an emergency every N minutes) has one per
repetition, bounded by its end time or count and never more than 24 hours. As-run events attach
to one airing (`asrun_events.airing_id`), so one report can only ever prove one broadcast.

- `expand.py`: the pure expansion of an entry into airing times (no database).
- `operations.py`: writes (create, cancel, supersede, link events); flush, never commit.
- `util.py`: reads (the airings of an entry, the airing an as-run event belongs to).
"""
