"""The agent's main loop: sync playlists and media, play on time, journal, upload, heartbeat.

Everything the agent needs to keep playing is in its cache folder (the journal holds the last
playlists, media files are named by SHA-256), so it plays on when the server is unreachable and
catches up with the as-run uploads when the server answers again.
"""

from __future__ import annotations

import logging
import random
import shutil
import signal
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from radio.agent import VERSION, relay
from radio.agent.client import Client, Refused, Unreachable
from radio.agent.clock import SYSTEM, Clock
from radio.agent.journal import Journal
from radio.agent.players import Player
from radio.agent.settings import Settings

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


class Agent:
    def __init__(self, server: str, station: str, token: str, cache: Path, player: Player, *,
                 settings: Settings | None = None, tz: str = "Asia/Ho_Chi_Minh",
                 clock: Clock = SYSTEM):
        self.station = station
        self.clock = clock
        self.cache = cache
        self.media_dir = cache / "media"
        self.media_dir.mkdir(parents=True, exist_ok=True)
        self.journal = Journal(cache / "journal.sqlite3")
        self.client = Client(server, token)
        self.player = player
        self.settings = settings or Settings()
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
        return self.clock.now()

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

    # -- playlists and media ---------------------------------------------------------------------
    def load_items(self) -> None:
        items: list[Item] = []
        for _day, body in self.journal.playlists().items():
            if body.get("timezone"):
                self.tz = ZoneInfo(body["timezone"])
            pieces: dict[tuple, int] = {}
            for data in body.get("items", []):
                group = (data["entry_id"], data.get("repeat", 0))
                index = pieces.get(group, 0)
                pieces[group] = index + 1
                start = datetime.fromisoformat(data["starts_at"])
                items.append(Item(f"{group[0]}:{group[1]}:{index}:{data.get('sha256') or ''}",
                                  data, start, start + timedelta(seconds=data["duration_s"])))
        items.sort(key=lambda i: (i.starts_at, i.rank))
        self.items = items
        self.known_entries = {i.data["entry_id"] for i in items}

    def pull_playlists(self) -> bool:
        changed = False
        for day in self.days():
            etag, _body = self.journal.playlist(day)
            reply = self.client.call("GET", self.api(f"playlist?date={day}&format=json"),
                                     headers={"If-None-Match": etag} if etag else None)
            if reply.status == 304:
                continue
            body = reply.data or {}
            self.journal.save_playlist(day, reply.headers.get("ETag"), body)
            changed = True
            log.info("Đã tải danh sách phát ngày %s: %d mục.",
                     datetime.fromisoformat(day).strftime("%d/%m/%Y"), len(body.get("items", [])))
        if changed:
            self.load_items()
        return changed

    def fetch_media(self) -> None:
        wanted = {}
        now = self.now()
        for item in self.items:
            sha = item.data.get("sha256")
            if sha and item.data.get("media_id") and item.ends_at > now:
                wanted.setdefault(sha, item)
        for sha, item in wanted.items():
            target = self.media_path(sha)
            if target.exists():
                continue
            log.info("Đang tải tệp “%s”…", item.title)
            ok = self.client.download(f"/api/v1/media/{item.data['media_id']}/audio", target, sha)
            if ok:
                log.info("Đã tải và kiểm tra mã SHA-256 của “%s”.", item.title)
            else:
                log.error("Tệp “%s” tải về bị sai mã SHA-256; sẽ tải lại.", item.title)

    def prune(self) -> int:
        """Forget old playlists and delete cached media that nothing scheduled needs."""
        yesterday = (self.now().astimezone(self.tz).date() - timedelta(days=1)).isoformat()
        if self.journal.forget_playlists_before(yesterday):
            self.load_items()
        keep = {i.data.get("sha256") for i in self.items}
        if self.playing:
            keep.add(self.playing.item.data.get("sha256"))
        removed = 0
        for path in self.media_dir.glob("*.mp3"):
            if path.stem not in keep:
                path.unlink(missing_ok=True)
                removed += 1
        if removed:
            log.info("Đã xóa %d tệp không còn trong lịch phát khỏi bộ nhớ đệm.", removed)
        return removed

    def sync(self) -> bool:
        """Pull playlists, download and verify media, prune. False when the server is away."""
        try:
            self.pull_playlists()
            self.fetch_media()
        except Unreachable as exc:
            self.set_online(False, str(exc))
            return False
        except Refused as exc:
            log.error("Máy chủ từ chối yêu cầu: %s. Kiểm tra mã trạm và mã truy cập.", exc)
            return False
        self.set_online(True)
        self.prune()
        return True

    # -- reporting -------------------------------------------------------------------------------
    def upload(self) -> bool:
        """Send pending as-run events in batches. False when the server is away."""
        while True:
            rows = self.journal.pending(100)
            if not rows:
                return True
            events = [{k: v for k, v in {
                "id": r["id"], "entry_id": r["entry_id"], "media_sha256": r["media_sha256"],
                "started_at": r["started_at"], "ended_at": r["ended_at"], "status": r["status"],
                "note": r["note"]}.items() if v is not None} for r in rows]
            try:
                reply = self.client.call("POST", self.api("asrun"), body={"events": events})
            except Unreachable as exc:
                self.set_online(False, str(exc))
                return False
            except Refused as exc:
                log.error("Máy chủ từ chối nhật ký phát: %s.", exc)
                return False
            self.set_online(True)
            answer = reply.data or {}
            rejected = answer.get("rejected") or (answer.get("error") or {}).get("rejected") or []
            bad = {r["index"]: r for r in rejected}
            for index, r in bad.items():
                log.error("Máy chủ không nhận sự kiện “%s”: %s", rows[index]["title"], r["reason"])
            for index, r in bad.items():
                self.journal.mark([rows[index]["id"]], "rejected", r.get("reason", ""))
            sent = [r["id"] for i, r in enumerate(rows) if i not in bad]
            self.journal.mark(sent, "sent")
            log.info("Đã gửi nhật ký phát: %d mục mới, %d mục máy chủ đã có.",
                     answer.get("accepted", 0), answer.get("already_known", 0))

    def heartbeat(self) -> None:
        files = list(self.media_dir.glob("*.mp3"))
        body = {"agent_version": VERSION,
                "free_disk_bytes": shutil.disk_usage(self.cache).free,
                "now_playing": (f"{self.playing.item.title} ({self.playing.item.audience})"
                                if self.playing else ""),
                "cache": {"files": len(files), "bytes": sum(f.stat().st_size for f in files),
                          "days": sorted(self.journal.playlists()),
                          "journal": self.journal.counts()}}
        try:
            self.client.call("POST", self.api("heartbeat"), body=body)
            self.set_online(True)
        except Unreachable as exc:
            self.set_online(False, str(exc))
        except Refused as exc:
            log.error("Máy chủ từ chối tín hiệu hoạt động: %s.", exc)

    def poll_now(self) -> None:
        try:
            reply = self.client.call("GET", self.api("now"))
        except (Unreachable, Refused) as exc:
            self.set_online(False, str(exc))
            return
        self.set_online(True)
        emergency = (reply.data or {}).get("emergency")
        if emergency and emergency["entry_id"] != self.emergency_seen:
            self.emergency_seen = emergency["entry_id"]
            log.warning("Có tin khẩn cấp: “%s”.", emergency.get("title", ""))
        elif not emergency:
            self.emergency_seen = None
        if emergency and emergency["entry_id"] not in self.known_entries:
            self.next["sync"] = 0.0  # fetch the playlist that carries the bulletin now

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
            return
        self.playing = Playing(item, event_id, playback, offset)
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
