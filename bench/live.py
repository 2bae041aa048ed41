"""Benchmark: one live source relayed by Icecast to N listeners, beside a bare Icecast baseline.

    .venv/bin/python bench/live.py [--listeners 18,200,1000] [--seconds 15]

For each N, two runs in the same session:
- baseline: Icecast with one plain mount (no authentication), fed by a bare `ffmpeg -re`;
- ours: `radio serve` (one gunicorn worker) with its stream server: the generated Icecast
  configuration, every listener checked by URL authentication against the app, the server's
  recorder on the mount, the source sent by `radio live`.
N raw HTTP readers (asyncio, in this process) connect, then read for --seconds. A listener is
dropped when it is refused, its connection ends early, or it receives less than 90 % of the
stream's bytes for that time. CPU is user + system time from /proc over the listening window:
Icecast's, and our relay path's (the app, the stream server, its recorder, `radio live` and its
ffmpeg). The last line is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RADIO = str(Path(sys.executable).with_name("radio"))
BITRATE = 128_000
CONNECTING = 50  # listeners connecting at once
answered: list = []  # one mark per listener that got its answer (or failed)
TICK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except OSError:
            pass
    return out


def cpu_s(pids: list[int]) -> float:
    total = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except OSError:
            pass
    return total / TICK


def comm(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/comm") as fh:
            return fh.read().strip()
    except OSError:
        return ""


async def reader(url: str, seconds: float, start: asyncio.Event, result: list,
                 gate: asyncio.Semaphore) -> None:
    host, rest = url.split("//", 1)[1].split("/", 1)
    hostname, port = host.split(":")
    got, ok = 0, False
    try:
        async with gate:  # Icecast 2.4 refuses more than 100 listeners awaiting authentication
            r, w = await asyncio.wait_for(asyncio.open_connection(hostname, int(port)), 60)
            w.write(f"GET /{rest} HTTP/1.0\r\nHost: {host}\r\nUser-Agent: bench\r\n\r\n"
                    .encode())
            await w.drain()
            head = await asyncio.wait_for(r.readuntil(b"\r\n\r\n"), 60)
            answered.append(1)
        if b" 200 " in head.split(b"\r\n", 1)[0]:
            ok = True
            await start.wait()
            end = time.monotonic() + seconds
            while (left := end - time.monotonic()) > 0:
                chunk = await asyncio.wait_for(r.read(65536), left + 5)
                if not chunk:
                    break
                got += len(chunk)
        w.close()
    except (TimeoutError, OSError, asyncio.IncompleteReadError):
        pass
    result.append((ok, got))


async def listen_all(url: str, n: int, seconds: float, measure) -> tuple[list, dict]:
    answered.clear()
    start, result, gate = asyncio.Event(), [], asyncio.Semaphore(CONNECTING)
    tasks = [asyncio.create_task(reader(url, seconds, start, result, gate)) for _ in range(n)]
    deadline = time.monotonic() + 60
    while len(answered) < n and time.monotonic() < deadline:  # all connected, or given up
        await asyncio.sleep(0.2)
    await asyncio.sleep(1)
    before = measure()
    start.set()
    await asyncio.sleep(seconds)
    after = measure()
    await asyncio.gather(*tasks)
    return result, {k: round(after[k] - before[k], 3) for k in before}


def dropped(result: list, seconds: float) -> int:
    need = BITRATE / 8 * seconds * 0.9
    return sum(1 for ok, got in result if not ok or got < need)


def wait_mount(base: str, mount: str, timeout: float = 40) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            body = urllib.request.urlopen(base + "/status-json.xsl", timeout=2).read().decode()
            if mount in body:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{mount} never appeared on {base}")


def tone(folder: Path, seconds: int) -> Path:
    from radio.tools import ffmpeg_path

    path = folder / f"tone-{seconds}.mp3"
    subprocess.run([ffmpeg_path(), "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                    "-i", f"sine=frequency=440:duration={seconds}", "-ac", "1", "-b:a", "128k",
                    str(path)], check=True)
    return path


def baseline(folder: Path, n: int, seconds: float, source: Path) -> dict:
    from media.streams.icecast import IcecastProcess, StreamConfig, secrets_of, write_config

    port = free_port()
    cfg = StreamConfig(folder=Path(tempfile.mkdtemp(prefix=f"base-{n}-", dir=folder)), host="127.0.0.1", port=port,
                       public_url=f"http://127.0.0.1:{port}", app_url="http://127.0.0.1:9",
                       binary=shutil.which("icecast2") or "/usr/bin/icecast2")
    path = write_config(cfg, [])  # no station mounts: the source's mount is plain
    ice = IcecastProcess(cfg, path).start()
    pw = secrets_of(cfg.folder)["source_password"]
    src = subprocess.Popen(["ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-i",
                            str(source), "-c", "copy", "-content_type", "audio/mpeg", "-f", "mp3",
                            f"icecast://source:{pw}@127.0.0.1:{port}/base.mp3"])
    try:
        wait_mount(cfg.base_url, "/base.mp3")
        result, cpu = asyncio.run(listen_all(
            f"{cfg.base_url}/base.mp3", n, seconds,
            lambda: {"icecast": cpu_s([ice.proc.pid]), "relay": cpu_s(tree(src.pid))}))
    finally:
        src.terminate()
        src.wait()
        ice.stop()
    return {"icecast_cpu_s": cpu["icecast"], "relay_cpu_s": cpu["relay"],
            "dropped": dropped(result, seconds)}


def ours(folder: Path, n: int, seconds: float, source: Path) -> dict:
    data = Path(tempfile.mkdtemp(prefix=f"ours-{n}-", dir=folder))
    app_port, ice_port = free_port(), free_port()
    env = {**os.environ, "RADIO_DATA_DIR": str(data),
           "DATABASE_URL": f"sqlite:///{data / 'radio.db'}", "RADIO_SECRET_KEY": "bench",
           "RADIO_ADMIN_PASSWORD": "bench-password-1", "RADIO_PORT": str(app_port),
           "RADIO_WORKERS": "1", "RADIO_THREADS": "8", "RADIO_SCHEDULER": "0",
           "RADIO_ICECAST_PORT": str(ice_port), "RADIO_ICECAST": "icecast2"}
    run = lambda *a: subprocess.run([RADIO, *a], env=env, check=True, capture_output=True,  # noqa: E731
                                    text=True)
    run("init")
    run("station", "add", "huyen", "--name", "Đài huyện", "--kind", "district")
    token = run("station", "token", "huyen").stdout.strip()
    log = open(data / "serve.log", "w")  # noqa: SIM115
    serve = subprocess.Popen([RADIO, "serve"], env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{ice_port}"
    live = None
    try:
        wait_mount(base, "icestats")
        live = subprocess.Popen([RADIO, "live", "--station", "huyen", "--input", str(source)],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_mount(base, "/huyen.mp3")
        pids = lambda: tree(serve.pid) + tree(live.pid)  # noqa: E731
        ice_pid = lambda: [p for p in pids() if comm(p).startswith("icecast")]  # noqa: E731
        result, cpu = asyncio.run(listen_all(
            f"{base}/huyen.mp3?token={token}", n, seconds,
            lambda: {"icecast": cpu_s(ice_pid()),
                     "relay": cpu_s([p for p in pids() if p not in ice_pid()])}))
    finally:
        for proc in (live, serve):
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                proc.wait(30)
        log.close()
    out = {"icecast_cpu_s": cpu["icecast"], "relay_cpu_s": cpu["relay"],
           "dropped": dropped(result, seconds)}
    if out["dropped"]:
        print((data / "serve.log").read_text()[-3000:], file=sys.stderr)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--listeners", default="18,200,1000")
    parser.add_argument("--seconds", type=float, default=15.0)
    args = parser.parse_args()
    # SIGTERM unwinds like Ctrl+C, so the servers started here are stopped on the way out.
    signal.signal(signal.SIGTERM, lambda *_a: (_ for _ in ()).throw(KeyboardInterrupt()))
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))
    load = os.getloadavg()
    print(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="radio-bench-live-") as tmp:
        folder = Path(tmp)
        source = tone(folder, int(args.seconds + 120))
        for n in (int(x) for x in args.listeners.split(",")):
            b = baseline(folder, n, args.seconds, source)
            o = ours(folder, n, args.seconds, source)
            row = {"listeners": n, "seconds": args.seconds, "baseline": b, "ours": o,
                   "icecast_cpu_ratio": round(o["icecast_cpu_s"] / b["icecast_cpu_s"], 2)
                   if b["icecast_cpu_s"] else None,
                   "icecast_cores": round(o["icecast_cpu_s"] / args.seconds, 3),
                   "relay_cores": round(o["relay_cpu_s"] / args.seconds, 3)}
            rows.append(row)
            print(f"N={n:>5}: Icecast CPU {o['icecast_cpu_s']:.2f} s (baseline "
                  f"{b['icecast_cpu_s']:.2f} s, ratio {row['icecast_cpu_ratio']}), our relay "
                  f"CPU {o['relay_cpu_s']:.2f} s (baseline ffmpeg {b['relay_cpu_s']:.2f} s), "
                  f"dropped {o['dropped']} (baseline {b['dropped']}) over {args.seconds:.0f} s",
                  flush=True)
    print(json.dumps({"bench": "live", "load_average_start": [round(x, 2) for x in load],
                      "runs": rows}, ensure_ascii=False))


if __name__ == "__main__":
    main()
