"""The role × route matrix for scoped users: every station-scoped route, home and neighbour.

Like tests/foundation/test_access_matrix.py, but the callers are accounts whose role applies to
a unit of tests/factories/units.py: each must reach every station route of its scope that its
role opens, and get 403 (station_forbidden) on a station outside it.
"""

from __future__ import annotations

import pytest

from radio.db import db
from tests.foundation.test_access_matrix import (
    Caller,
    access_rule,
    all_cases,
    build_url,
    declared_expectation,
    load_expectations,
    outcome,
)

# (role, unit key, operator's station keys, stations in scope, stations outside)
SCOPED = {
    "province-auditor": ("auditor", "qt", None, ["gio-an", "cua-viet", "tinh", "huyen"],
                         ["thuan-hoa", "orphan"]),
    "province-editor": ("editor", "qt", None, ["con-tien", "hai-dinh"], ["thuan-hoa"]),
    "commune-editor": ("editor", "con-tien", None, ["con-tien", "gio-an"],
                       ["cua-viet", "gio-hai", "tinh"]),
    "commune-auditor": ("auditor", "cua-viet", None, ["cua-viet", "gio-mai"],
                        ["con-tien", "linh-truong"]),
    "cluster-operator": ("operator", "gio-an", ["con-tien"], ["con-tien"],
                         ["gio-an", "cua-viet"]),
}


def _station_cases(app, role: str):
    for case in all_cases(app):
        rule = access_rule(app, case.endpoint)
        if rule is None or not rule.station_arg:
            continue
        if declared_expectation(app, case, role) == {"allow"}:
            yield case


@pytest.mark.parametrize("who", sorted(SCOPED))
def test_scoped_user_reaches_its_stations_and_is_denied_the_others(app, who, unit_world,
                                                                   scoped_user):
    role, unit, own, inside, outside = SCOPED[who]
    user = scoped_user(role, unit, station_keys=own)
    db.session.commit()
    caller = Caller(app)
    caller.user_ids[who] = user.id
    _expected, args = load_expectations()
    checked, wrong = 0, []
    for case in _station_cases(app, role):
        for key in inside:
            code = unit_world.station(key).code
            got = outcome(case, caller.request(who, case.method, build_url(app, case, args, code)))
            if got != "allow":
                wrong.append(f"{case.key} {code} (in scope): {got}")
        for key in outside:
            code = unit_world.station(key).code
            response = caller.request(who, case.method, build_url(app, case, args, code))
            body = response.get_json(silent=True)
            if response.status_code != 403 or (body and body["error"]["code"] !=
                                               "station_forbidden"):
                wrong.append(f"{case.key} {code} (outside): {response.status_code}")
        checked += 1
    assert checked >= 3, f"only {checked} station routes open to {role}"
    assert not wrong, f"{who}:\n" + "\n".join(wrong)
