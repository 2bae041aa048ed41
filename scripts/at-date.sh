#!/bin/sh
# Run a command with the wall clock moved to a given instant (libfaketime), e.g.
#   sh scripts/at-date.sh '2026-12-31 16:40 UTC' .venv/bin/pytest -m dates
# A relative offset (not faketime's "@" start-at form) so that every child process, such as a
# live `radio serve` started minutes later, reads the same fake clock as the test process.
# libfaketime also moves the monotonic clock (its DONT_FAKE_MONOTONIC=1 breaks time.sleep with
# EINVAL), so a timed wait on a threading primitive (Event.wait, Lock.acquire(timeout=...)) waits
# for the whole offset: loops that must run in this stage poll with time.sleep instead.
set -eu
at="$1"; shift
offset=$(( $(date -d "$at" +%s) - $(date +%s) ))
case "$offset" in -*) spec="${offset}s" ;; *) spec="+${offset}s" ;; esac
exec faketime -f "$spec" "$@"
