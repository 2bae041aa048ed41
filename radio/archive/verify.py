"""Recompute the as-run and audit hash chains, the daily seals and the stored files.

A report names the first row that does not match (changed content, a broken link where a row was
deleted or inserted, a seal whose head no longer exists) and every stored file whose bytes no
longer hash to its name. Rows are read in chunks, so memory stays flat however long the chain.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import func, select

from radio import chain
from radio.db import db
from radio.i18n import _
from radio.models import AsRunEvent, Attachment, AuditEntry, ChainSeal, MediaItem
from radio.storage import CHUNK, get_storage

MAX_PROBLEMS = 50


@dataclass
class Problem:
    kind: str  # asrun | audit | seal | file
    ref: str  # "asrun seq 12", "audit id 7", "file ab12…"
    code: str  # changed | broken_link | missing | mismatch
    message: str

    def as_dict(self) -> dict:
        return {"kind": self.kind, "ref": self.ref, "code": self.code, "message": self.message}


@dataclass
class VerifyReport:
    checked: dict[str, int] = field(default_factory=dict)
    heads: dict[str, dict] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first(self) -> Problem | None:
        return self.problems[0] if self.problems else None

    def add(self, problem: Problem) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)

    def as_dict(self) -> dict:
        return {"ok": self.ok, "checked": self.checked, "heads": self.heads,
                "problems": [p.as_dict() for p in self.problems]}


def _asrun_content(row: AsRunEvent) -> dict:
    from radio.asrun.operations import asrun_content

    return asrun_content(row)


def _audit_content(row: AuditEntry) -> dict:
    from radio.audit import audit_content

    return audit_content(row)


CHAINS: dict[str, tuple[type, str, Callable[[object], dict]]] = {
    "asrun": (AsRunEvent, "seq", _asrun_content),
    "audit": (AuditEntry, "id", _audit_content),
}
CHAIN_LABEL = {"asrun": "nhật ký phát", "audit": "nhật ký thay đổi"}


def verify_chain(name: str, report: VerifyReport) -> None:
    """Walk one chain in order; each row must link to the one before and hash to its content."""
    model, key, content = CHAINS[name]
    key_col = getattr(model, key)
    prev, prev_key, count, last_good = chain.GENESIS, None, 0, None
    stmt = select(model).order_by(key_col).execution_options(yield_per=1000,
                                                             populate_existing=True)
    for row in db.session.scalars(stmt):
        count += 1
        row_key = getattr(row, key)
        ref = f"{name} {key} {row_key}"
        if row.prev_hash != prev:
            where = (_("sau dòng %(key)s=%(prev)s", key=key, prev=prev_key) if prev_key is not None
                     else _("ở đầu chuỗi"))
            report.add(Problem(name, ref, "broken_link", _(
                "Chuỗi %(chain)s bị đứt tại dòng %(key)s=%(row)s: mã băm trước không khớp %(where)s "
                "(có dòng bị xóa, chèn thêm hoặc sửa).", chain=CHAIN_LABEL[name], key=key,
                row=row_key, where=where)))
        expected = chain.link(row.prev_hash, content(row))
        if row.row_hash != expected:
            report.add(Problem(name, ref, "changed", _(
                "Dòng %(key)s=%(row)s của %(chain)s đã bị thay đổi: nội dung không khớp mã băm.",
                key=key, row=row_key, chain=CHAIN_LABEL[name])))
        else:
            last_good = row_key
        prev, prev_key = row.row_hash, row_key
    report.checked[name] = count
    report.heads[name] = {"key": prev_key, "hash": prev, "rows": count, "last_good": last_good}


def verify_seals(report: VerifyReport) -> None:
    """Each daily seal must still find its head row, with the same hash and rows up to it."""
    n = 0
    for seal in db.session.scalars(select(ChainSeal).order_by(ChainSeal.chain, ChainSeal.day)):
        n += 1
        model, key, _content = CHAINS.get(seal.chain, (None, None, None))
        if model is None:
            continue
        key_col = getattr(model, key)
        head = db.session.scalar(select(model.row_hash).where(key_col == seal.head_seq))
        count = db.session.scalar(select(func.count()).select_from(model)
                                  .where(key_col <= seal.head_seq))
        ref = f"seal {seal.chain} {seal.day.isoformat()}"
        if head != seal.head_hash:
            report.add(Problem("seal", ref, "mismatch", _(
                "Dấu niêm phong ngày %(day)s của %(chain)s: dòng đầu chuỗi %(key)s=%(row)s "
                "không còn hoặc đã đổi.", day=f"{seal.day:%d/%m/%Y}", chain=CHAIN_LABEL[seal.chain],
                key=key, row=seal.head_seq)))
        elif count != seal.row_count:
            report.add(Problem("seal", ref, "missing", _(
                "Dấu niêm phong ngày %(day)s của %(chain)s ghi %(n)s dòng nhưng nay còn %(m)s: "
                "có dòng bị xóa.", day=f"{seal.day:%d/%m/%Y}", chain=CHAIN_LABEL[seal.chain],
                n=seal.row_count, m=count)))
    report.checked["seals"] = n


def stored_files() -> list[tuple[str, str]]:
    """(sha256, description) of every file the archive keeps: originals, renditions, attachments."""
    out: dict[str, str] = {}
    for item_id, title, orig, rend in db.session.execute(
            select(MediaItem.id, MediaItem.title, MediaItem.original_sha256,
                   MediaItem.rendition_sha256).order_by(MediaItem.id)):
        out.setdefault(orig, _("bản gốc của tin/bài %(id)s “%(t)s”", id=item_id, t=title))
        if rend:
            out.setdefault(rend, _("bản phát sóng của tin/bài %(id)s “%(t)s”", id=item_id, t=title))
    for sha, name, item_id in db.session.execute(
            select(Attachment.sha256, Attachment.filename, Attachment.media_item_id)
            .order_by(Attachment.id)):
        out.setdefault(sha, _("tệp đính kèm “%(n)s” của tin/bài %(id)s", n=name, id=item_id))
    return list(out.items())


def hash_file(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def verify_files(report: VerifyReport, progress: Callable[[int], None] | None = None) -> None:
    store = get_storage()
    n = 0
    for sha, what in stored_files():
        n += 1
        path = store.path(sha)
        if not path.is_file():
            report.add(Problem("file", f"file {sha}", "missing", _(
                "Thiếu tệp %(sha)s (%(what)s) trong kho lưu trữ.", sha=sha, what=what)))
        elif hash_file(path) != sha:
            report.add(Problem("file", f"file {sha}", "changed", _(
                "Tệp %(sha)s (%(what)s) đã bị thay đổi: SHA-256 không khớp.", sha=sha, what=what)))
        if progress:
            progress(1)
    report.checked["files"] = n


def verify_database(*, files: bool = True,
                    progress: Callable[[int], None] | None = None) -> VerifyReport:
    """Everything the live archive can be checked for. Reads only."""
    report = VerifyReport()
    verify_chain("asrun", report)
    verify_chain("audit", report)
    verify_seals(report)
    if files:
        verify_files(report, progress)
    return report
