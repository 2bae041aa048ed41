"""The sample nginx configuration (docs/deploy/nginx.conf), run by Debian's nginx in front of a live
`radio serve` with RADIO_BEHIND_PROXY=1: redirects, signed media URLs and cookies come out https."""

from __future__ import annotations

import http.client
import http.cookiejar
import json
import os
import re
import shutil
import ssl
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.deploy.conftest import STATION
from tests.live import TEST_PASSWORD, free_port

pytestmark = pytest.mark.dates  # reads the clock: `make test-dates` runs it at faked dates

SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "deploy" / "nginx.conf"
HINT = "nginx is missing: run scripts/ensure-system-deps.sh (it installs Debian's nginx)"


def render(folder: Path, app_port: int, http_port: int, https_port: int) -> Path:
    """The sample with its ports, certificate and log paths pointed into `folder`."""
    text = SAMPLE.read_text()
    for old, new in (
        ("server 127.0.0.1:5000;", f"server 127.0.0.1:{app_port};"),
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;"),
        ("/etc/letsencrypt/live/radio.example.org/fullchain.pem", str(folder / "cert.pem")),
        ("/etc/letsencrypt/live/radio.example.org/privkey.pem", str(folder / "key.pem")),
        ("/var/log/nginx/", f"{folder}/logs/"),
        ("/var/www/html", str(folder / "www")),
    ):
        assert old in text, f"the sample no longer has {old!r}: update this test with it"
        text = text.replace(old, new)
    (folder / "site.conf").write_text(text)
    for sub in ("logs", "www", "tmp"):
        (folder / sub).mkdir()
    temp_paths = "".join(f"    {kind}_temp_path {folder}/tmp/{kind};\n"
                         for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # The test's own main file around the site file, as Debian's /etc/nginx/nginx.conf is.
    main = folder / "nginx.conf"
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers write the temp dirs in `folder`
    main.write_text(f"{user}worker_processes 1;\npid {folder}/nginx.pid;\n"
                    f"error_log {folder}/logs/error.log info;\nevents {{}}\n"
                    f"http {{\n{temp_paths}    include {folder}/site.conf;\n}}\n")
    return main


def self_signed(folder: Path) -> None:
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")],
                   check=True, capture_output=True, timeout=60)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def nginx(tmp_path):
    """Start nginx on the rendered sample; yields a function (app_port) -> (http, https) ports."""
    binary = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists()
                                       else None)
    assert binary, HINT
    assert shutil.which("openssl"), "openssl is missing: run scripts/ensure-system-deps.sh"
    procs: list[subprocess.Popen] = []

    def start(app_port: int) -> tuple[int, int, Path]:
        folder = tmp_path / "nginx"
        folder.mkdir()
        self_signed(folder)
        http_port, https_port = free_port(), free_port()
        main = render(folder, app_port, http_port, https_port)
        check = subprocess.run([binary, "-t", "-p", str(folder), "-c", str(main)],
                               capture_output=True, text=True, timeout=30)
        assert check.returncode == 0, f"nginx -t refused the sample:\n{check.stderr}"
        proc = subprocess.Popen([binary, "-p", str(folder), "-c", str(main), "-g", "daemon off;"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        procs.append(proc)
        deadline = time.monotonic() + 20
        while True:
            assert proc.poll() is None, f"nginx exited: {proc.stderr.read().decode()}"
            try:
                http.client.HTTPConnection("127.0.0.1", http_port, timeout=2).connect()
                return http_port, https_port, folder
            except OSError:
                assert time.monotonic() < deadline, "nginx did not start listening"
                time.sleep(0.1)

    yield start
    for proc in procs:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stderr.close()


def context(folder: Path) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(folder / "cert.pem"))


@pytest.mark.slow
@pytest.mark.parametrize("station_server", [{"RADIO_BEHIND_PROXY": "1"}], indirect=True)
def test_the_sample_nginx_front_gives_https_redirects_urls_and_secure_cookies(station_server,
                                                                              nginx):
    server, token = station_server.server, station_server.token
    http_port, https_port, folder = nginx(server.port)
    public = f"https://127.0.0.1:{https_port}"
    tls = context(folder)
    plain = urllib.request.build_opener(NoRedirect())
    jar = http.cookiejar.CookieJar()
    secure = urllib.request.build_opener(NoRedirect(), urllib.request.HTTPSHandler(context=tls),
                                         urllib.request.HTTPCookieProcessor(jar))

    def get(opener, url, data=None, headers=None):
        try:
            request = urllib.request.Request(url, data=data, headers=headers or {})
            with opener.open(request, timeout=30) as resp:
                return resp.status, resp.headers, resp.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers, exc.read()

    # Plain HTTP moves to HTTPS, keeping the path and query.
    status, headers, _ = get(plain, f"http://127.0.0.1:{http_port}/login?x=1")
    assert status == 301
    assert headers["Location"] == "https://127.0.0.1/login?x=1"

    # A page behind sign-in redirects to the public https login URL.
    status, headers, _ = get(secure, f"{public}/")
    assert status == 302, status
    assert headers["Location"].startswith(f"{public}/login"), headers["Location"]

    # The session cookie is Secure, and so is the one of a signed-in session.
    status, headers, page = get(secure, f"{public}/login")
    assert status == 200
    cookies = headers.get_all("Set-Cookie") or []
    assert cookies and all("Secure" in c for c in cookies), cookies
    csrf = re.search(rb'name="csrf_token" value="([^"]+)"', page)[1].decode()
    form = urllib.parse.urlencode({"username": "admin", "password": TEST_PASSWORD,
                                   "csrf_token": csrf}).encode()
    # Over HTTPS Flask-WTF also wants a same-origin Referer: it compares it with the host
    # that ProxyFix restored, as a browser's sign-in would send it.
    status, headers, _ = get(secure, f"{public}/login", data=form,
                             headers={"Referer": f"{public}/login"})
    assert status == 302, status
    assert headers["Location"].startswith(public + "/"), headers["Location"]
    assert all("Secure" in c for c in headers.get_all("Set-Cookie") or ["Secure"])
    assert {c.name for c in jar if c.secure} >= {"session"}

    # A body past nginx's 1 MB default reaches the app (which answers: no CSRF token here).
    status, _, page = get(secure, f"{public}/login", data=b"junk=" + b"x" * (3 << 20),
                          headers={"Referer": f"{public}/login"})
    assert status == 400 and b"CSRF" in page, status

    # The station's JSON playlist signs its media with the public scheme, host and port.
    status, _, body = get(secure, f"{public}/api/v1/stations/{STATION}/playlist?format=json"
                                  f"&date={station_server.day.isoformat()}&token={token}")
    assert status == 200, body
    # (a relay's URL is its stream's, from Icecast: only media items are signed here)
    urls = [i["url"] for i in json.loads(body)["items"] if i.get("url") and i["kind"] != "relay"]
    assert urls
    assert all(u.startswith(f"{public}/api/v1/signed/") for u in urls), urls
    status, headers, audio = get(secure, urls[0])
    assert status == 200 and headers["Content-Type"] == "audio/mpeg" and len(audio) > 1000

    # One hop of X-Forwarded-For: the app logs the client's address, not nginx's.
    conn = http.client.HTTPSConnection("127.0.0.1", https_port, context=tls, timeout=30,
                                       source_address=("127.0.0.2", 0))
    conn.request("GET", f"/api/v1/stations/{STATION}/now",
                 headers={"Authorization": f"Bearer {token}"})
    assert conn.getresponse().status == 200
    conn.close()
    deadline = time.monotonic() + 10
    while f'127.0.0.2 "GET /api/v1/stations/{STATION}/now" 200' not in server.log.read_text():
        assert time.monotonic() < deadline, server.log.read_text()
        time.sleep(0.2)

    # nginx's own access log names the requests but holds no token or signature.
    nginx_log = (folder / "logs" / "district-radio.access.log").read_text()
    assert '"GET /api/v1/signed/[redacted]"' in nginx_log
    signed_token = urls[0].rsplit("/", 1)[1].removesuffix(".mp3")
    assert token not in nginx_log and signed_token not in nginx_log
