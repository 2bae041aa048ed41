"""File objects for writing a ZIP: a hashing pass-through and an unseekable sink for streaming."""

from __future__ import annotations

import hashlib
import io


class HashingWriter:
    """Write through to a zip member while hashing and counting what was written."""

    def __init__(self, fh):
        self.fh = fh
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data) -> int:
        self.digest.update(data)
        self.size += len(data)
        return self.fh.write(data)


class StreamSink(io.RawIOBase):
    """A write-only, non-seekable file that collects bytes for a streaming HTTP response."""

    def __init__(self):
        super().__init__()
        self._chunks: list[bytes] = []
        self._pos = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        data = bytes(data)
        self._chunks.append(data)
        self._pos += len(data)
        return len(data)

    def tell(self) -> int:  # zipfile needs the offset even on unseekable streams
        return self._pos

    def seekable(self) -> bool:
        return False

    def drain(self) -> bytes:
        out = b"".join(self._chunks)
        self._chunks.clear()
        return out
