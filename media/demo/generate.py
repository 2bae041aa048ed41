"""Make the demo bulletins in this folder from manifest.json (run once; the MP3s are committed).

Needs Debian's espeak-ng (Vietnamese voice); ffmpeg runs through media/_ffmpeg.py (so RADIO_FFMPEG,
else ffmpeg on PATH, else the imageio-ffmpeg wheel's binary):  python media/demo/generate.py
Each bulletin is the spoken text over a quiet pad with half a second of silence at each end (so
the trim step has work to do); jingles are a short chime with the spoken column name.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # run as a script from a checkout

from media import _ffmpeg  # noqa: E402


def ffmpeg(*args: str) -> None:
    _ffmpeg.run(list(args))


def speak(text: str, out: Path) -> None:
    subprocess.run(["espeak-ng", "-v", "vi", "-s", "150", "-w", str(out), text], check=True)


def chime(out: Path, notes=(523.25, 659.25, 783.99, 1046.5)) -> None:
    parts = "+".join(
        f"0.4*sin(2*PI*{f}*t)*exp(-4*(t-{i * 0.25}))*gte(t\\,{i * 0.25})"
        for i, f in enumerate(notes))
    ffmpeg("-f", "lavfi", "-i", f"aevalsrc={parts}:s=22050:d=2.2", str(out))


def build(entry: dict, work: Path) -> None:
    voice = work / "voice.wav"
    speak(entry["text"], voice)
    target = HERE / entry["file"]
    if entry.get("jingle"):
        bell = work / "chime.wav"
        chime(bell, (523.25, 659.25, 783.99, 1046.5) if entry["jingle"] == "intro"
              else (1046.5, 783.99, 659.25, 523.25))
        ffmpeg("-i", str(bell), "-i", str(voice), "-filter_complex",
               "[0]aresample=22050,aformat=channel_layouts=mono[b];"
               "[1]aresample=22050,aformat=channel_layouts=mono,adelay=1800[v];"
               "[b][v]amix=inputs=2:duration=longest:normalize=0,apad=pad_dur=0.5",
               "-ac", "1", "-ar", "22050", "-c:a", "libmp3lame", "-b:a", "40k", str(target))
        return
    ffmpeg("-i", str(voice), "-f", "lavfi", "-i", "sine=f=110:r=22050",
           "-filter_complex",
           "[0]aresample=22050,aformat=channel_layouts=mono,adelay=500,apad=pad_dur=0.5[v];"
           "[1]volume=0.015,aformat=channel_layouts=mono[p];"
           "[v][p]amix=inputs=2:duration=first:normalize=0,"
           "afade=t=in:d=0.3,areverse,afade=t=in:d=0.3,areverse",
           "-ac", "1", "-ar", "22050", "-c:a", "libmp3lame", "-b:a", "40k",
           "-metadata", f"title={entry['title']}", str(target))


def main() -> None:
    manifest = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        for entry in manifest:
            build(entry, Path(tmp))
            print(entry["file"], (HERE / entry["file"]).stat().st_size)


if __name__ == "__main__":
    main()
