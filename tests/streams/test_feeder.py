"""The browser page's feeder stops its ffmpeg within bounds, and knows when to stop."""

from __future__ import annotations

import os
import subprocess
import threading
import time

from media import _ffmpeg
from media.streams import browser, ffmpeg


def test_ffmpeg_waiting_at_the_end_of_a_followed_file_is_stopped_within_bounds(tmp_path):
    path = tmp_path / "session-1.webm"  # WebM/Opus as the page sends: its reader ignores SIGTERM
    _ffmpeg.run(["-f", "lavfi", "-i", "sine=d=1", "-c:a", "libopus", "-f", "webm", str(path)])
    proc = subprocess.Popen([_ffmpeg.binary(), "-hide_banner", "-nostdin", "-loglevel", "error",
                             *ffmpeg.input_args(str(path), follow=True), "-f", "null", "-"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        time.sleep(3.0)  # past its 1 s of sound: ffmpeg waits for more (-follow 1)
        assert proc.poll() is None
        started = time.monotonic()
        stopper = threading.Thread(target=ffmpeg.stop, args=(proc,), kwargs={"wait_s": 1.0})
        stopper.start()
        stopper.join(10)
        assert proc.poll() is not None, "ffmpeg still runs 10 s after stop()"
        assert time.monotonic() - started < 3.5
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_stopping_an_ffmpeg_that_has_ended_returns_its_messages(tmp_path):
    proc = subprocess.Popen([_ffmpeg.binary(), "-hide_banner", "-nostdin", "-i",
                             str(tmp_path / "missing.wav")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    proc.wait(30)
    assert b"missing.wav" in ffmpeg.stop(proc)


def test_the_feeder_stops_when_its_file_or_its_server_is_gone(tmp_path):
    path = tmp_path / "session-1.webm"
    path.touch()
    now = time.monotonic()
    assert not browser.should_stop(path, now, now, parent_pid=None)
    assert browser.should_stop(path, now - browser.IDLE_STOP_S - 1, now)  # no chunk came
    gone = subprocess.Popen(["true"])
    gone.wait()
    assert browser.should_stop(path, now, now, parent_pid=gone.pid)  # the server is gone
    assert not browser.should_stop(path, now, now, parent_pid=os.getpid())
    path.with_suffix(".stop").touch()
    assert browser.should_stop(path, now, now)  # the page pressed "stop"
    path.with_suffix(".stop").unlink()
    path.unlink()
    assert browser.should_stop(path, now, now)  # the data folder was cleaned
