"""Playlist output formats: JSON, m3u8 and XSPF of a built playlist."""


from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET
from collections.abc import Callable

from schedules.playlists.builder import Playlist, PlaylistItem, item_dict

XSPF_NS = "http://xspf.org/ns/0/"


UrlFor = Callable[[PlaylistItem], str]


def location(item: PlaylistItem, url_for_media: UrlFor) -> str | None:
    """The URL a player opens: the signed media URL, an external stream, or (a relay of a
    station) that station's stream with the listener's credentials, which url_for_media
    builds when it was made with a relay URL builder."""
    if item.kind == "relay":
        return item.relay_url or (url_for_media(item) if item.relay_station else None)
    return url_for_media(item) if item.sha256 else None


def to_json(playlist: Playlist, url_for_media: UrlFor) -> dict:
    return {
        "station": {"code": playlist.station.code, "name": playlist.station.name},
        "date": playlist.day.isoformat(),
        "timezone": playlist.tz_name,
        "etag": playlist.etag,
        "emergency": playlist.emergency,
        "total_s": round(playlist.total_s, 3),
        "items": [item_dict(i) | {"url": location(i, url_for_media)} for i in playlist.items],
    }


def _clean(text: str) -> str:
    return " ".join((text or "").split())


def clusters_note(item: PlaylistItem) -> str | None:
    """The clusters an item is for, as a comment: "all" for an emergency (always every
    cluster), the codes and names when it is for some clusters, None for the whole station."""
    if item.priority == "emergency":
        return "all"
    if not item.clusters:
        return None
    return ", ".join(f"{code} ({_clean(name)})" for code, name in item.clusters)


def to_m3u8(playlist: Playlist, url_for_media: UrlFor) -> str:
    """Extended M3U (UTF-8). The HLS VOD tags make ffmpeg-based players play every entry."""
    lines = ["#EXTM3U"]
    durations = [i.duration_s for i in playlist.items if location(i, url_for_media)]
    lines += ["#EXT-X-VERSION:3",
              f"#EXT-X-TARGETDURATION:{max([math.ceil(d) for d in durations] or [1])}",
              "#EXT-X-PLAYLIST-TYPE:VOD",
              f"#PLAYLIST:{_clean(playlist.station.name)} {playlist.day:%d/%m/%Y}"]
    for item in playlist.items:
        url = location(item, url_for_media)
        stamp = f"# {item.starts_at:%H:%M:%S} {item.priority}"
        note = clusters_note(item)
        if not url:
            lines.append(f"{stamp} relay {item.relay_station or ''} "
                         f"{item.duration_s:.0f}s {_clean(item.title)}".rstrip())
            if note:
                lines.append(f"# clusters: {note}")
            continue
        lines.append(stamp)
        if note:
            lines.append(f"# clusters: {note}")
        lines.append(f"#EXTINF:{round(item.duration_s)},{_clean(item.title)}")
        lines.append(url)
    lines.append("#EXT-X-ENDLIST")
    return "\n".join(lines) + "\n"


def to_xspf(playlist: Playlist, url_for_media: UrlFor) -> str:
    """XSPF version 1: title, duration (ms), location and start time per track."""
    ET.register_namespace("", XSPF_NS)
    root = ET.Element(f"{{{XSPF_NS}}}playlist", version="1")
    ET.SubElement(root, f"{{{XSPF_NS}}}title").text = (
        f"{playlist.station.name} {playlist.day:%d/%m/%Y}")
    tracks = ET.SubElement(root, f"{{{XSPF_NS}}}trackList")
    for item in playlist.items:
        track = ET.SubElement(tracks, f"{{{XSPF_NS}}}track")
        url = location(item, url_for_media)
        if url:
            ET.SubElement(track, f"{{{XSPF_NS}}}location").text = url
        if item.media_id is not None:
            ET.SubElement(track, f"{{{XSPF_NS}}}identifier").text = f"urn:radio:media:{item.media_id}"
        ET.SubElement(track, f"{{{XSPF_NS}}}title").text = item.title
        if item.entry_title:
            ET.SubElement(track, f"{{{XSPF_NS}}}album").text = item.entry_title
        if item.relay_station:
            ET.SubElement(track, f"{{{XSPF_NS}}}annotation").text = f"relay:{item.relay_station}"
        ET.SubElement(track, f"{{{XSPF_NS}}}duration").text = str(round(item.duration_s * 1000))
        for rel, value in (("start", item.starts_at.isoformat()), ("priority", item.priority),
                           ("entry", str(item.entry_id)), ("kind", item.kind),
                           ("clusters", clusters_note(item))):
            if value is None:
                continue
            ET.SubElement(track, f"{{{XSPF_NS}}}meta",
                          rel=f"urn:radio:{rel}").text = value
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


FORMATS = {
    "json": "application/json",
    "m3u8": "audio/x-mpegurl; charset=utf-8",
    "xspf": "application/xspf+xml; charset=utf-8",
}


def render(playlist: Playlist, fmt: str, url_for_media: UrlFor) -> tuple[str, str]:
    """(body, content type) of a playlist in one of FORMATS; JSON is compact UTF-8."""
    if fmt == "m3u8":
        return to_m3u8(playlist, url_for_media), FORMATS["m3u8"]
    if fmt == "xspf":
        return to_xspf(playlist, url_for_media), FORMATS["xspf"]
    if fmt == "json":
        body = json.dumps(to_json(playlist, url_for_media), ensure_ascii=False, indent=1)
        return body, FORMATS["json"]
    raise ValueError(f"unknown playlist format {fmt!r}")


