"""As-run: what stations aired (ingest, heartbeats), reconciliation against the schedule, and the
demo history of recent weeks."""


def init_app(app) -> None:
    """Register the demo step "recent" (radio.demo.STORY)."""
    from radio.asrun.demo import load_history

    app.extensions.setdefault("radio.demo_layers", {})["recent"] = load_history
