"""Playlists: the pure day builder, its output formats, and the database read in util.

The names below are the package's stable interface (the station pull API builds on it)."""

from schedules.playlists.builder import (
    EntryData,
    MediaRef,
    Playlist,
    PlaylistItem,
    StationInfo,
    active_emergency,
    build_playlist,
    emergency_dict,
    make_playlist,
)
from schedules.playlists.formats import FORMATS, render, to_json, to_m3u8, to_xspf
from schedules.playlists.util import entries_by_station, entries_for_station, playlist_for

__all__ = ["FORMATS", "EntryData", "MediaRef", "Playlist", "PlaylistItem", "StationInfo",
           "active_emergency", "build_playlist", "emergency_dict",
           "entries_by_station", "entries_for_station", "make_playlist", "playlist_for", "render",
           "to_json", "to_m3u8", "to_xspf"]


def init_app(app) -> None:
    """Register `radio playlist`."""
    from schedules.playlists import cli

    cli.init_app(app)
