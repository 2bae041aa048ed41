"""Benchmark the ingest pipeline against one bare ffmpeg pass making the same output format.

    .venv/bin/python bench/ingest.py [--quick]

Inputs (made once under bench/out/, which git ignores): a 5-minute speech MP3 (espeak-ng
Vietnamese speech when available, else a speech-like tone) and a 60-minute 44.1 kHz stereo WAV
of the same material. For each input it prints the wall time of our ingest (copy + hash,
analysis pass, render + on-the-fly metering, tagging, store), of one bare
`ffmpeg -i IN -ac 1 -ar 44100 -c:a libmp3lame -b:a 128k OUT` measured in the same run, their
ratio, and the peak RSS of our process and of its largest child (getrusage). Targets for the
one-hour file: ratio <= 1.5, peak RSS <= 250 MB.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

TEXT = ("Ủy ban nhân dân huyện Gio Linh thông báo về việc đẩy mạnh cải cách hành chính, "
        "công khai thủ tục hành chính tại bộ phận một cửa và hướng dẫn người dân nộp hồ sơ "
        "qua dịch vụ công trực tuyến mức độ ba và bốn. ")


def ffmpeg() -> str:
    from radio.tools import ffmpeg_path

    return ffmpeg_path()


def run_ff(*args: str) -> None:
    subprocess.run([ffmpeg(), "-hide_banner", "-loglevel", "error", "-y", *args], check=True)


def make_inputs() -> dict[str, Path]:
    OUT.mkdir(parents=True, exist_ok=True)
    speech = OUT / "speech-seed.wav"
    if not speech.exists():
        if shutil.which("espeak-ng"):
            subprocess.run(["espeak-ng", "-v", "vi", "-s", "150", "-w", str(speech), TEXT * 3],
                           check=True)
        else:
            run_ff("-f", "lavfi", "-i", "sine=f=220:r=22050:d=30", "-af",
                   "tremolo=f=4:d=0.7", str(speech))
    five = OUT / "speech-5min.mp3"
    if not five.exists():
        run_ff("-stream_loop", "-1", "-i", str(speech), "-t", "300", "-ar", "44100", "-ac", "1",
               "-c:a", "libmp3lame", "-b:a", "128k", str(five))
    hour = OUT / "speech-60min-stereo.wav"
    if not hour.exists():
        run_ff("-stream_loop", "-1", "-i", str(speech), "-f", "lavfi", "-i",
               "anoisesrc=r=44100:a=0.003:d=3600", "-filter_complex",
               "[0]aresample=44100,aformat=channel_layouts=stereo[v];"
               "[1]aformat=channel_layouts=stereo[n];[v][n]amix=inputs=2:normalize=0:duration=shortest",
               "-t", "3600", "-ar", "44100", "-ac", "2", "-c:a", "pcm_s16le", str(hour))
    return {"5-minute speech MP3": five, "60-minute 44.1 kHz stereo WAV": hour}


def cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cpu_self() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def bare_pass(src: Path) -> tuple[float, float]:
    out = OUT / "bare.mp3"
    start, cpu = time.perf_counter(), cpu_children()
    run_ff("-i", str(src), "-ac", "1", "-ar", "44100", "-c:a", "libmp3lame", "-b:a", "128k",
           str(out))
    elapsed = time.perf_counter() - start
    out.unlink(missing_ok=True)
    return elapsed, cpu_children() - cpu


def worker(src: str, data_dir: str) -> None:
    """One ingest in a fresh data folder; prints JSON with wall time and peak RSS."""
    from radio import migrate
    from radio.db import db
    from web import create_app

    app = create_app({"data_dir": data_dir, "secret_key": "bench"})
    migrate.upgrade(db.engine)
    from media import ingest

    with app.app_context():
        start, cpu = time.perf_counter(), cpu_self() + cpu_children()
        result = ingest.ingest_file(None, src)
        db.session.commit()
        elapsed = time.perf_counter() - start
        cpu = cpu_self() + cpu_children() - cpu
        item = result.item
        self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        print(json.dumps({"seconds": elapsed, "cpu": cpu, "self_mb": self_kb / 1024,
                          "child_mb": child_kb / 1024, "duration_s": item.duration_s,
                          "loudness_in": item.loudness_in_lufs,
                          "loudness_out": item.loudness_out_lufs,
                          "true_peak_out": item.true_peak_out_dbtp}))


def ours(src: Path) -> dict:
    data = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    try:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "RADIO_DATA_DIR")}
        proc = subprocess.run([sys.executable, __file__, "--worker", str(src), str(data)],
                              capture_output=True, text=True, env=env, check=True)
        return json.loads(proc.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(data, ignore_errors=True)


def machine() -> str:
    model = ""
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {model or 'unknown CPU'}"


def main() -> None:
    quick = "--quick" in sys.argv
    inputs = make_inputs()
    print(f"machine: {machine()}; load average at start: {os.getloadavg()[0]:.2f}")
    print(f"{'input':<30} {'bare s':>7} {'ours s':>7} {'ratio':>6} {'bare cpu':>8} "
          f"{'ours cpu':>8} {'ratio':>6} {'self MB':>7} {'child MB':>8}  loudness in → out, TP out")
    for label, src in inputs.items():
        if quick and "60-minute" in label:
            continue
        runs = 1 if "60-minute" in label else 2
        bare, mine = [], []
        for _ in range(runs):  # alternate so drifting machine load hits both alike
            bare.append(bare_pass(src))
            mine.append(ours(src))
        best_bare, bare_cpu = min(bare)
        best = min(mine, key=lambda r: r["seconds"])
        print(f"{label:<30} {best_bare:7.1f} {best['seconds']:7.1f} "
              f"{best['seconds'] / best_bare:6.2f} {bare_cpu:8.1f} {best['cpu']:8.1f} "
              f"{best['cpu'] / bare_cpu:6.2f} {max(r['self_mb'] for r in mine):7.0f} "
              f"{max(r['child_mb'] for r in mine):8.0f}  {best['loudness_in']} → "
              f"{best['loudness_out']} LUFS, {best['true_peak_out']} dBTP")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(sys.argv[2], sys.argv[3])
    else:
        main()
