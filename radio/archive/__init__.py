"""The archive of verification evidence: chain checks, daily seals, reads and the export package."""
