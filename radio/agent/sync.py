"""Playlists and media: pull the days ahead (ETag), download and verify files, prune the cache.

A mixin of `radio.agent.runner.Agent`: it uses the agent's client, journal, clock and items.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from radio.agent.client import Refused, Unreachable

log = logging.getLogger("radio.agent")


class SyncMixin:
    def load_items(self) -> None:
        from radio.agent.runner import Item

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
                self.meter.levels(target)  # measured once (a file cached before metering)
                continue
            log.info("Đang tải tệp “%s”…", item.title)
            ok = self.client.download(f"/api/v1/media/{item.data['media_id']}/audio", target, sha)
            if ok:
                log.info("Đã tải và kiểm tra mã SHA-256 của “%s”.", item.title)
                stat = target.stat()
                self.verified[sha] = (stat.st_size, stat.st_mtime_ns)
                self.meter.levels(target)
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
                self.meter.forget(path)
                self.verified.pop(path.stem, None)
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

