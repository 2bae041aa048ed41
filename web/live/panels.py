"""The dashboard panel of recent live sessions."""


def init_app(app) -> None:
    from web.live.controllers import dashboard_panel

    app.extensions.setdefault("radio.dashboard_panels", []).append(dashboard_panel)
