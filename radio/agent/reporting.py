"""Reporting to the server: as-run uploads, the heartbeat with its health report, and the
cheap `/now` poll that brings emergencies and remote commands.

A mixin of `radio.agent.runner.Agent`. The health report is built by `radio.agent.health`,
commands are carried out by `radio.agent.commands`, and emergency receipts are sent by
`radio.agent.receipts` (docs/fleet.md has the protocol).
"""

from __future__ import annotations

import logging
import shutil

from radio.agent import VERSION, commands, health, receipts
from radio.agent.client import Refused, Unreachable

log = logging.getLogger("radio.agent")


class ReportingMixin:
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
                          "journal": self.journal.counts()},
                "health": health.report(self)}
        try:
            self.client.call("POST", self.api("heartbeat"), body=body)
            self.set_online(True)
            self.note_clock()
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
        self.note_clock()
        receipts.flush(self)  # receipts that could not be sent before
        commands.handle(self, (reply.data or {}).get("commands") or [])
        emergency = (reply.data or {}).get("emergency")
        if emergency and emergency["entry_id"] != self.emergency_seen:
            self.emergency_seen = emergency["entry_id"]
            log.warning("Có tin khẩn cấp: “%s”.", emergency.get("title", ""))
            receipts.received(self, emergency)
        elif not emergency:
            self.emergency_seen = None
        if emergency and emergency["entry_id"] not in self.known_entries:
            self.next["sync"] = 0.0  # fetch the playlist that carries the bulletin now

