#!/bin/sh
# Test-time system packages: Debian's chromium for browser tests, ffmpeg and mpv as real players,
# nginx (and openssl for its test certificate) in front of the app in tests/deploy/test_nginx.py.
# postgresql-client gives pg_dump/psql for `radio backup` and `radio restore` on PostgreSQL.
# faketime (libfaketime) for `make test-dates`. espeak-ng speaks written bulletins; poppler-utils'
# pdftotext reads the text of a PDF. icecast2 for live broadcasts and relays (tests/streams).
# The app itself falls back to the ffmpeg binary of the imageio-ffmpeg wheel when ffmpeg is absent.
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v ffmpeg >/dev/null 2>&1 || missing="$missing ffmpeg"
command -v mpv >/dev/null 2>&1 || missing="$missing mpv"
command -v zip >/dev/null 2>&1 || missing="$missing zip"
{ command -v nginx || [ -x /usr/sbin/nginx ]; } >/dev/null 2>&1 || missing="$missing nginx"
command -v openssl >/dev/null 2>&1 || missing="$missing openssl"
command -v pg_dump >/dev/null 2>&1 || missing="$missing postgresql-client"  # radio backup on PostgreSQL
command -v faketime >/dev/null 2>&1 || missing="$missing faketime"
{ command -v icecast2 || [ -x /usr/bin/icecast2 ]; } >/dev/null 2>&1 || missing="$missing icecast2"  # live streams
command -v espeak-ng >/dev/null 2>&1 || missing="$missing espeak-ng"  # offline text-to-speech
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"  # text of a bulletin's PDF
[ -z "$missing" ] && exit 0
echo "Installing system packages:$missing" >&2
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
