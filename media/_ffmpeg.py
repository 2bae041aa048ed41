"""The private ffmpeg adapter: every ffmpeg command line of the ingest pipeline lives here.

Only the `ffmpeg` binary is used (the imageio-ffmpeg wheel ships no ffprobe). Two passes:
`analyse` decodes once, measuring loudness, sample peak and silence while checking for decode
errors; `render` decodes once more, trims, applies the gain (and a limiter only when needed) and pipes
PCM to an MP3 encoder whose output is also metered on the fly, so decoding, encoding and
metering run side by side on the cores. Audio never passes through Python.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import signal
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from radio.tools import ffmpeg_path

Progress = Callable[[float], None]  # seconds of audio processed so far

# Settings.ffmpeg (RADIO_FFMPEG), set once by media.init_app: the pipeline also runs in worker
# threads that have no app context to read it from.
_configured: str | None = None

SILENCE_DB = -50.0
SILENCE_MIN_S = 0.5
# Decoder complaints that mean the data is damaged (ffmpeg prints them at "error" level).
_ERROR_LINE = re.compile(r"^\[(error|fatal|panic)\]")
_IGNORED_ERRORS = ("Error parsing Opus packet header", "Estimating duration from bitrate")


@dataclass
class Analysis:
    """What one decode pass learned about the first audio stream of a file."""

    ok: bool = True
    container: str = ""
    codec: str = ""
    declared_s: float | None = None  # from the container header ("Duration:")
    decoded_s: float = 0.0
    has_audio: bool = False
    has_video: bool = False
    open_failed: bool = False
    integrated_lufs: float | None = None
    sample_peak_dbfs: float | None = None
    silences: list[tuple[float, float | None]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class Rendered:
    duration_s: float
    loudness_lufs: float | None
    true_peak_dbtp: float | None
    pre_limiter_true_peak_dbtp: float | None


class FFmpegError(RuntimeError):
    pass


def die_with_parent() -> None:
    """Children get SIGKILL when the process that started them dies (a preexec_fn), so none keeps
    writing a temp file or feeding a mount."""
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def configure(ffmpeg: str | None) -> None:
    """Use this ffmpeg binary (None: the one on PATH, else the wheel's)."""
    global _configured
    _configured = ffmpeg


def binary() -> str:
    """The ffmpeg binary every call in this adapter runs."""
    return ffmpeg_path(_configured)


def _popen(args: list[str], **kwargs) -> subprocess.Popen:
    return subprocess.Popen([binary(), "-hide_banner", "-nostdin", *args],
                            preexec_fn=die_with_parent if os.name == "posix" else None,
                            **kwargs)


def run(args: list[str]) -> None:
    """Run one ffmpeg command to its end (demo and generator scripts); overwrites the output.
    Raises FFmpegError with ffmpeg's message when it fails."""
    proc = _popen(["-loglevel", "error", "-y", *args], stdout=subprocess.DEVNULL,
                  stderr=subprocess.PIPE)
    _out, err = proc.communicate()
    if proc.returncode != 0:
        raise FFmpegError(err.decode("utf-8", "replace").strip()[-2000:])


def decode_pcm(path: Path, *, rate: int, channels: int = 1, timeout_s: float = 600) -> bytes:
    """Decode a file to raw signed 16-bit little-endian PCM at `rate` Hz with `channels` channels.
    Raises FFmpegError with ffmpeg's message when it fails."""
    proc = _popen(["-v", "error", "-i", str(path), "-f", "s16le", "-ac", str(channels),
                   "-ar", str(rate), "-"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = proc.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise FFmpegError(f"decoding took longer than {timeout_s:.0f} s") from None
    if proc.returncode != 0:
        raise FFmpegError(err.decode("utf-8", "replace").strip()[-2000:])
    return out


def _follow_progress(proc: subprocess.Popen, on_progress: Progress | None) -> None:
    """Read `-progress pipe:1` lines from stdout until the process closes it."""
    assert proc.stdout is not None
    for raw in proc.stdout:
        line = raw.decode("ascii", "replace").strip()
        if line.startswith("out_time_us=") and on_progress:
            value = line.split("=", 1)[1]
            if value.lstrip("-").isdigit():
                on_progress(max(0, int(value)) / 1e6)


def _read_stderr(proc: subprocess.Popen) -> str:
    assert proc.stderr is not None
    return proc.stderr.read().decode("utf-8", "replace")


def _summary_value(text: str, label: str) -> float | None:
    """The last ebur128 summary value, e.g. label 'I:' (LUFS) or 'Peak:' (dBFS)."""
    found = re.findall(rf"^\s*(?:\[\w+\]\s*)?{re.escape(label)}\s+(-?inf|-?[\d.]+)", text, re.M)
    if not found:
        return None
    value = found[-1]
    return float("-inf") if "inf" in value else float(value)


_SUMMARY = re.compile(r"^\[Parsed_ebur128_(\d+) @ [^\]]+\] (?:\[\w+\] )?Summary:", re.M)


def _ebur128_summaries(text: str) -> list[tuple[float | None, float | None]]:
    """(integrated LUFS, peak) of each ebur128 instance, in filter-chain order.

    ffmpeg prints the summaries when the graph is torn down, last filter first, so they are
    keyed by the instance number; a later block of the same instance replaces an earlier one.
    """
    matches = list(_SUMMARY.finditer(text))
    found: dict[int, tuple[float | None, float | None]] = {}
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        block = text[m.end():end]
        found[int(m.group(1))] = (_summary_value(block, "I:"), _summary_value(block, "Peak:"))
    return [found[k] for k in sorted(found)]


# True peak: 4x oversampling (176.4 kHz, windowed-sinc) and the largest absolute sample, as
# BS.1770 describes; within 0.05 dB of ebur128's true-peak mode here, at about 60 % of its cost.
TRUE_PEAK_METER = ("aresample=176400:filter_size=8,"
                   "astats=measure_perchannel=none:measure_overall=Peak_level")


def _true_peak(text: str) -> float | None:
    found = re.findall(r"Peak level dB: (-?inf|-?[\d.]+)", text)
    if not found:
        return None
    return None if "inf" in found[-1] else round(float(found[-1]), 2)


def _parse_duration(text: str) -> float | None:
    m = re.search(r"Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)", text)
    if not m:
        return None
    return int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3))


def analyse(path: Path, *, on_progress: Progress | None = None) -> Analysis:
    """One full decode of the first audio stream, downmixed as the rendition will be."""
    af = (f"aformat=channel_layouts=mono,ebur128=peak=sample:framelog=verbose,"
          f"silencedetect=n={SILENCE_DB}dB:d={SILENCE_MIN_S}")
    proc = _popen(["-loglevel", "level+info", "-nostats", "-progress", "pipe:1",
                   "-i", str(path), "-map", "0:a:0", "-vn", "-sn", "-dn", "-af", af,
                   "-f", "null", "-"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # stderr is drained on a thread so that neither pipe can fill and block ffmpeg.
    chunks: list[str] = []
    reader = threading.Thread(target=lambda: chunks.append(_read_stderr(proc)), daemon=True)
    reader.start()
    last = [0.0]

    def track(seconds: float) -> None:
        last[0] = seconds
        if on_progress:
            on_progress(seconds)

    _follow_progress(proc, track)
    proc.wait()
    reader.join()
    text = chunks[0] if chunks else ""
    result = Analysis(ok=proc.returncode == 0)
    result.declared_s = _parse_duration(text)
    m = re.search(r"Input #0, ([^,\n]+(?:,[^,\n ]+)*), from", text)
    if m:
        result.container = m.group(1)
    else:
        result.open_failed = True
    audio = re.search(r"Stream #0:\d+[^:]*: Audio: ([\w-]+)", text)
    result.has_audio = audio is not None
    result.codec = audio.group(1) if audio else ""
    result.has_video = re.search(r"Stream #0:\d+[^:]*: Video: (?!mjpeg|png)", text) is not None
    result.decoded_s = last[0]
    time_m = re.findall(r"silence_start: (-?[\d.e+-]+)|silence_end: (-?[\d.e+-]+)", text)
    for start, end in time_m:
        if start:
            result.silences.append((max(0.0, float(start)), None))
        elif end and result.silences and result.silences[-1][1] is None:
            result.silences[-1] = (result.silences[-1][0], float(end))
    summaries = _ebur128_summaries(text)
    if summaries:
        result.integrated_lufs, result.sample_peak_dbfs = summaries[-1]
    for line in text.splitlines():
        if _ERROR_LINE.match(line) and not any(s in line for s in _IGNORED_ERRORS):
            result.errors.append(line)
    return result


def _drain(stream, sink: list[str]) -> threading.Thread:
    def run() -> None:
        sink.append(stream.read().decode("utf-8", "replace"))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def render(src: Path, out: Path, *, start_s: float, end_s: float, gain_db: float,
           limit_dbfs: float | None, channels: int, bitrate_kbps: int,
           tags: dict[str, str], on_progress: Progress | None = None) -> Rendered:
    """Trim, apply gain (and limiter), and encode the MP3 rendition to `out`.

    Three processes in a pipe: decode+filter (meters the input's true peak after the gain)
    → MP3 encoder (tee: the file and a copy on stdout) → a meter that decodes the MP3 copy,
    so the final loudness is measured on the rendition itself, without another pass.
    """
    chain = [f"aformat=sample_fmts=flt:channel_layouts={'mono' if channels == 1 else 'stereo'}",
             "aresample=44100",
             f"atrim=start={start_s:.3f}:end={end_s:.3f}", "asetpts=PTS-STARTPTS",
             f"volume={gain_db:.2f}dB", "asplit[meter][main];"
             f"[meter]{TRUE_PEAK_METER},anullsink;[main]anull"]
    if limit_dbfs is not None:
        chain.append(f"alimiter=limit={10 ** (limit_dbfs / 20):.4f}:level=false:latency=true"
                     ":attack=5:release=100")
    chain.append("aformat=sample_fmts=s16[out]")
    decode = _popen(["-loglevel", "level+info", "-nostats", "-progress", "pipe:2",
                     "-i", str(src), "-filter_complex", "[0:a:0]" + ",".join(chain).replace(";,", ";"),
                     "-map", "[out]", "-f", "s16le", "pipe:1"],
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    meta: list[str] = []
    for key, value in tags.items():
        meta += ["-metadata", f"{key}={value}"]
    target = str(out).replace("\\", "\\\\").replace("|", "\\|").replace("[", "\\[")
    encode = _popen(["-loglevel", "error", "-f", "s16le", "-ar", "44100", "-ac", str(channels),
                     "-i", "pipe:0", "-map", "0:a", "-c:a", "libmp3lame",
                     "-b:a", f"{bitrate_kbps}k", "-id3v2_version", "3", *meta,
                     "-f", "tee", f"[f=mp3]{target}|[f=mp3]pipe:1"],
                    stdin=decode.stdout, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    meter = _popen(["-loglevel", "level+info", "-nostats", "-f", "mp3", "-i", "pipe:0",
                    "-af", f"ebur128=framelog=verbose,{TRUE_PEAK_METER}", "-f", "null", "-"],
                   stdin=encode.stdout, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert decode.stdout and decode.stderr and encode.stdout and encode.stderr and meter.stderr
    decode.stdout.close()  # the encoder owns these read ends now
    encode.stdout.close()
    enc_err: list[str] = []
    meter_err: list[str] = []
    threads = [_drain(encode.stderr, enc_err), _drain(meter.stderr, meter_err)]
    text_lines: list[str] = []
    seconds = 0.0
    for raw in decode.stderr:
        line = raw.decode("utf-8", "replace")
        if line.startswith("out_time_us="):
            value = line.split("=", 1)[1].strip()
            if value.lstrip("-").isdigit():
                seconds = max(0, int(value)) / 1e6
                if on_progress:
                    on_progress(seconds)
            continue
        if "=" in line and not line.startswith("[") and " " not in line.strip():
            continue  # other -progress keys
        text_lines.append(line)
    decode.wait()
    encode.wait()
    meter.wait()
    for thread in threads:
        thread.join()
    text = "".join(text_lines)
    if decode.returncode != 0 or encode.returncode != 0:
        raise FFmpegError((text[-2000:] + "".join(enc_err)[-2000:]).strip())
    final_text = "".join(meter_err)
    final = _ebur128_summaries(final_text)
    integrated = final[-1][0] if final else None
    return Rendered(duration_s=seconds, loudness_lufs=integrated,
                    true_peak_dbtp=_true_peak(final_text),
                    pre_limiter_true_peak_dbtp=_true_peak(text))


def limiter_loss(src: Path, segments: list[tuple[float, float]], *, gain_db: float,
                 limit_dbfs: float, channels: int) -> float | None:
    """How many LU the limiter takes off at this gain, measured on a few short excerpts.

    Fast-seeks to each (start, length) excerpt, so even for an hour-long file this decodes only
    about a minute of audio. Returns loudness before minus after the limiter, or None.
    """
    args: list[str] = []
    for start, length in segments:
        args += ["-ss", f"{start:.3f}", "-t", f"{length:.3f}", "-i", str(src)]
    layout = "mono" if channels == 1 else "stereo"
    inputs = "".join(f"[{i}:a:0]" for i in range(len(segments)))
    graph = (f"{inputs}concat=n={len(segments)}:v=0:a=1,"
             f"aformat=sample_fmts=flt:channel_layouts={layout},volume={gain_db:.2f}dB,"
             "ebur128=framelog=verbose,"
             f"alimiter=limit={10 ** (limit_dbfs / 20):.4f}:level=false:latency=true"
             ":attack=5:release=100,ebur128=framelog=verbose")
    proc = _popen(["-loglevel", "level+info", "-nostats", *args, "-filter_complex", graph,
                   "-f", "null", "-"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    text = _read_stderr(proc)
    proc.wait()
    summaries = _ebur128_summaries(text)
    if proc.returncode != 0 or len(summaries) < 2:
        return None
    before, after = summaries[0][0], summaries[-1][0]
    if before is None or after is None or before <= -69:
        return None
    return before - after
