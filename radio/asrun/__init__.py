"""As-run: what stations aired (ingest, heartbeats), reconciliation against the schedule, and the
demo history of recent weeks."""


def init_app(app) -> None:
    from radio.asrun.demo import load_history

    app.extensions.setdefault("radio.demo_steps", []).append((40, load_history))
