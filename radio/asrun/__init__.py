"""As-run: what stations aired (ingest, heartbeats), reconciliation against the schedule, and the
demo history of recent weeks."""


def init_app(app) -> None:
    """Nothing to register: the demo history is a step of radio.demo.STORY."""
