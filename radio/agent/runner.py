"""The agent's main loop: sync playlists and media, play on time, journal, upload, heartbeat.

Everything the agent needs to keep playing is in its cache folder (the journal holds the last
playlists, media files are named by SHA-256), so it plays on when the server is unreachable and
catches up with the as-run uploads when the server answers again.
"""

from __future__ import annotations

import logging
import random
import signal
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from radio.agent import VERSION, receipts, relay
from radio.agent.client import Client
from radio.agent.clock import SYSTEM, Clock
from radio.agent.journal import Journal
from radio.agent.meter import Meter
from radio.agent.players import Player
from radio.agent.reporting import ReportingMixin
from radio.agent.settings import Settings
from radio.agent.sync import SyncMixin

log = logging.getLogger("radio.agent")
RANK = {"emergency": 0, "priority": 1, "normal": 2}


@dataclass
class Item:
    key: str
    data: dict
    starts_at: datetime
    ends_at: datetime

    @property
    def rank(self) -> int:
        return RANK.get(self.data.get("priority"), 2)

    @property
    def title(self) -> str:
        return self.data.get("title") or ""

    @property
    def clusters(self) -> list[str]:
        """The names of the loudspeaker clusters it is for; empty: the whole station."""
        return [c.get("name") or c.get("code") or "" for c in self.data.get("clusters") or []]

    @property
    def audience(self) -> str:
        """Where it is heard, in words: some clusters, or every loudspeaker of the station."""
        if self.data.get("priority") != "emergency" and self.clusters:
            return "cụm loa " + ", ".join(self.clusters)
        return "mọi cụm loa"


@dataclass
class Playing:
    item: Item
    event_id: str
    playback: object
    offset_s: float


def _vn(dt: datetime) -> str:
    return dt.strftime("%H:%M:%S %d/%m/%Y")


class Agent(SyncMixin, ReportingMixin):
    def __init__(self, server: str, station: str, token: str, cache: Path, player: Player, *,
                 settings: Settings | None = None, tz: str = "Asia/Ho_Chi_Minh",
                 clock: Clock = SYSTEM):
        self.station = station
        self.clock = clock
        self.cache = cache
        self.media_dir = cache / "media"
        self.media_dir.mkdir(parents=True, exist_ok=True)
        self.journal = Journal(cache / "journal.sqlite3")
        self.settings = settings or Settings()
        saved = self.journal.get("clock_offset_s")
        self.client = Client(server, token, clock=clock,
                             offset=float(saved) if saved is not None else None)
        self.clock_sync = (type(clock) is Clock if self.settings.clock_sync is None
                           else self.settings.clock_sync)
        self.clock_warned: float | None = None
        self._last_now: datetime | None = None
        self.started_mono = clock.monotonic()
        self.player = player
        saved = self.journal.get("volume", "100")
        self.volume = max(0, min(100, int(saved))) if saved.isdigit() else 100
        player.volume = self.volume
        self.meter = Meter(getattr(player, "ffmpeg", None))
        self.verified: dict[str, tuple[int, int]] = {}  # sha -> (size, mtime_ns) checked
        self.stopped = False  # set by a `stop` command (radio.agent.commands)
        self.player_error: str | None = None
        self.tz = ZoneInfo(tz)
        self.items: list[Item] = []
        self.playing: Playing | None = None
        self.online: bool | None = None
        self.failures = 0
        self.next = {"sync": 0.0, "now": 0.0, "upload": 0.0, "heartbeat": 0.0}
        self.stopping = False
        self.emergency_seen: int | None = None
        self.load_items()

    # -- helpers ------------------------------------------------------------------------------
    def api(self, tail: str) -> str:
        return f"/api/v1/stations/{self.station}/{tail}"

    def now(self) -> datetime:
        """The time the agent plays and journals by: its clock corrected to the server's.

        An offset under the `Date` header's resolution (1 s) is noise and not applied, and the
        jitter of the estimate never moves the time back by less than 2 s (an event must not
        end before it started); a real correction backwards goes through."""
        offset = self.client.offset.value if self.clock_sync else None
        now = self.clock.now()
        if offset is not None and abs(offset) >= 1.0:
            now += timedelta(seconds=offset)
        last = self._last_now
        if last is not None and last - timedelta(seconds=2) < now < last:
            return last
        self._last_now = now
        return now

    def clock_offset(self) -> float | None:
        return self.client.offset.value

    def note_clock(self) -> None:
        """Persist the offset (a restart without the server still corrects); warn if large."""
        offset = self.client.offset.value
        if offset is None or not self.client.offset.samples:
            return
        self.journal.set("clock_offset_s", f"{offset:.3f}")
        if abs(offset) > self.settings.clock_warn_s:
            if self.clock_warned is None or abs(offset - self.clock_warned) > 5:
                log.warning("Đồng hồ máy trạm lệch %s giây so với máy chủ; đã tự hiệu chỉnh.",
                            f"{offset:+.1f}")
                self.clock_warned = offset
        else:
            self.clock_warned = None

    def set_volume(self, volume: int) -> int:
        """Keep the volume (0–100, persisted); players use it from the next start."""
        self.volume = max(0, min(100, int(volume)))
        self.journal.set("volume", str(self.volume))
        self.player.volume = self.volume
        return self.volume

    def days(self) -> list[str]:
        today = self.now().astimezone(self.tz).date()
        return [(today + timedelta(days=n)).isoformat() for n in range(self.settings.days)]

    def set_online(self, online: bool, why: str = "") -> None:
        if online and self.online is not True:
            log.info("Đã kết nối máy chủ.")
        elif not online and self.online is not False:
            log.warning("Không kết nối được máy chủ (%s); tiếp tục phát từ bộ nhớ đệm.", why)
        self.online = online

    def media_path(self, sha: str) -> Path:
        return self.media_dir / f"{sha}.mp3"

    # -- playing ---------------------------------------------------------------------------------
    def due(self, now: datetime) -> Item | None:
        best = None
        for item in self.items:
            if item.starts_at > now:
                break
            fresh = now < item.ends_at and not self.journal.played(item.key)
            if fresh and (best is None or item.rank < best.rank):
                best = item
        return best

    def finish(self, status: str, note: str = "") -> None:
        p = self.playing
        self.journal.finish_event(p.event_id, status, self.now(), note)
        self.playing = None
        if p.item.data.get("priority") == "emergency":
            receipts.finished(self, p.item, status)
        self.next["upload"] = min(self.next["upload"], self.clock.monotonic())
        log.info("Kết thúc “%s”: %s.", p.item.title,
                 {"aired": "đã phát trọn", "partial": "phát một phần",
                  "failed": "lỗi khi phát"}.get(status, status))

    def tick(self) -> None:
        now = self.now()
        due = self.due(now)
        if self.playing:
            p = self.playing
            overdue = now >= p.item.ends_at + timedelta(seconds=2)  # e.g. a relay stream
            if overdue or not p.playback.running():
                failed = not overdue and p.playback.failed()
                p.playback.stop()
                expected = (p.item.ends_at - p.item.starts_at).total_seconds() - p.offset_s
                self.finish(*relay.ended(p.playback, failed, p.offset_s, self.settings.late_s,
                                         expected))
                if failed:
                    self.player_error = "Trình phát báo lỗi"
            elif due is not None and due.key != p.item.key and due.rank < p.item.rank:
                p.playback.stop()
                log.warning("Ngắt “%s” để phát tin khẩn cấp.", p.item.title)
                self.finish("partial", "Ngắt để phát tin khẩn cấp")
        if self.playing is None and due is not None:
            self.start(due, now)

    def start(self, item: Item, now: datetime) -> None:
        data = item.data
        sha = data.get("sha256")
        offset = max((now - item.starts_at).total_seconds(), 0.0)
        stream = (data.get("url") or data.get("relay_url")) if data.get("kind") == "relay" else None
        if data.get("kind") == "relay" and not stream:
            self.journal.record(item.key, data["entry_id"], None, item.title, now, "failed",
                                "Không có nguồn tiếp âm trên trạm")
            return
        source = stream
        if source is None:
            path = self.media_path(sha) if sha else None
            if path is None or not path.exists():
                log.error("Không có tệp “%s” trong bộ nhớ đệm; bỏ qua.", item.title)
                self.player_error = "Chưa tải được tệp"
                self.journal.record(item.key, data["entry_id"], sha, item.title, now, "failed",
                                    "Chưa tải được tệp")
                return
            source = path
        event_id = self.journal.start_event(item.key, data["entry_id"], sha, item.title, now)
        try:
            playback = relay.RelayPlayback(stream, (item.ends_at - now).total_seconds(),
                                           self.player) if stream else \
                self.player.play(Path(source), data, offset)
        except OSError as exc:
            self.journal.finish_event(event_id, "failed", now, f"Không chạy được trình phát: {exc}")
            self.player_error = f"Không chạy được trình phát: {exc}"
            return
        self.playing = Playing(item, event_id, playback, offset)
        self.stopped = False  # a `stop` command holds only until the next item begins
        self.player_error = None
        if data.get("priority") == "emergency":
            receipts.started(self, item)
        log.info("Bắt đầu phát “%s” trên %s (lịch %s%s).", item.title, item.audience,
                 _vn(item.starts_at.astimezone(self.tz)),
                 f", muộn {offset:.0f} giây" if offset > self.settings.late_s else "")

    # -- lifecycle -------------------------------------------------------------------------------
    def recover(self) -> None:
        """Events left "playing" by a crash or power cut are closed as partial."""
        for row in self.journal.interrupted():
            self.journal.finish_event(row["id"], "partial",
                                      datetime.fromisoformat(row["started_at"]),
                                      "Tác tử bị dừng khi đang phát")
            log.warning("Sự kiện “%s” bị gián đoạn lần chạy trước; ghi là phát một phần.",
                        row["title"])

    def once(self) -> bool:
        self.recover()
        ok = self.sync()
        ok = self.upload() and ok
        self.heartbeat()
        counts = self.journal.counts()
        log.info("Đồng bộ xong: %d mục trong lịch, %d tệp trong bộ nhớ đệm, %d sự kiện chờ gửi.",
                 len(self.items), len(list(self.media_dir.glob("*.mp3"))), counts.get("pending", 0))
        return ok

    def run(self, run_for: float | None = None) -> None:
        self.recover()
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)
        log.info("Tác tử trạm %s khởi động (phiên bản %s).", self.station, VERSION)
        deadline = self.clock.monotonic() + run_for if run_for else None
        while not self.stopping and (deadline is None or self.clock.monotonic() < deadline):
            self.step()
            self.clock.sleep(self.settings.tick_s)
        self.shutdown()

    def step(self) -> None:
        """One turn of the main loop: whatever is due (poll, sync, play, upload, heartbeat)."""
        mono = self.clock.monotonic()
        s = self.settings
        if mono >= self.next["now"]:
            self.poll_now()
            self.next["now"] = mono + s.now_s
        if mono >= self.next["sync"]:
            self.sync()
            self.next["sync"] = mono + s.sync_s
        self.tick()
        if mono >= self.next["upload"]:
            if self.upload():
                self.failures = 0
                self.next["upload"] = mono + s.upload_s
            else:
                self.failures += 1
                wait = min(s.backoff_max_s, s.backoff_s * 2 ** (self.failures - 1))
                self.next["upload"] = mono + wait * random.uniform(0.8, 1.2)
                log.info("Sẽ thử gửi lại nhật ký phát sau %.1f giây.", wait)
        if mono >= self.next["heartbeat"]:
            self.heartbeat()
            self.next["heartbeat"] = mono + s.heartbeat_s

    def _on_signal(self, signum, _frame) -> None:
        self.stopping = True

    def shutdown(self) -> None:
        if self.playing:
            self.playing.playback.stop()
            self.finish("partial", "Tác tử dừng khi đang phát")
        self.upload()
        log.info("Tác tử dừng; %d sự kiện chờ gửi.", self.journal.counts().get("pending", 0))
        self.journal.close()
