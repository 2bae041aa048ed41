"""As-run: what stations aired (ingest, heartbeats), reconciliation against the schedule, and the
demo history of recent weeks."""
