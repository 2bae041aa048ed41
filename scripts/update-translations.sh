#!/bin/sh
# Extract the Vietnamese source strings, merge them into the English catalog, compile it.
# Run after adding or changing _()/_l()/ngettext() strings; then translate the new entries in
# web/translations/en/LC_MESSAGES/messages.po (empty msgstr, or marked "fuzzy") and run it again.
set -eu
cd "$(dirname "$0")/.."
PYBABEL="${PYBABEL:-.venv/bin/pybabel}"
POT=web/translations/messages.pot
PO=web/translations/en/LC_MESSAGES/messages.po

"$PYBABEL" extract -F babel.cfg -k _ -k _l -k ngettext:1,2 -k lazy_gettext \
  --project=district-radio --copyright-holder="district-radio" --no-location --sort-output \
  -o "$POT" radio media schedules web
if [ -f "$PO" ]; then
  "$PYBABEL" update -i "$POT" -d web/translations -l en --no-fuzzy-matching --ignore-obsolete -w 100
else
  "$PYBABEL" init -i "$POT" -d web/translations -l en
fi
"$PYBABEL" compile -d web/translations -l en --statistics
