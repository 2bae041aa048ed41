"""Live sound: the Icecast stream server, going live, relays by stream, and the recordings.

- `icecast.py`: Icecast's configuration (data folder) and child process;
- `grants.py`, `auth.py`: who may hear which mount (Icecast URL authentication);
- `urls.py`: stream URLs for players and relaying stations;
- `serve.py`: `radio stream serve`, which records every live session;
- `operations.py`: live sessions and their archived recordings; `util.py`: reads;
- `live.py`, `ffmpeg.py`: `radio live` and the ffmpeg command lines of live sound;
- `process.py`: the stream server as a child of `radio serve`.
"""

from __future__ import annotations


def init_app(app) -> None:
    from media.streams import cli, process

    app.cli.add_command(cli.stream_cli)
    app.cli.add_command(cli.live_command)
    app.extensions.setdefault("radio.serve_hooks", []).append(process.serve_hook)
