"""Role × route matrix: every rule in the URL map, every role, the expected outcome.

Expectations come from the modules in tests/access/ (format in tests/access/__init__.py). An
endpoint that no module lists is checked against its own @allow declaration instead, and
test_every_endpoint_has_an_expectation names it so that someone writes the expectation down.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass

import pytest
from werkzeug.routing import Rule as UrlRule

import tests.access
from radio import stations
from radio.accounts.util import get_user
from radio.db import db
from web.access import PUBLIC, SAFE_METHODS

ROLES = ("anonymous", "admin", "editor", "operator", "auditor", "station")
HOME_STATION = "gio-an"  # the demo operator's station
OTHER_STATION = "gio-hai"


def _expectation_modules():
    for info in pkgutil.iter_modules(tests.access.__path__):
        yield importlib.import_module(f"tests.access.{info.name}")


def load_expectations() -> tuple[dict[str, dict[str, str]], dict[str, object]]:
    expected: dict[str, dict[str, str]] = {}
    args: dict[str, object] = {}
    for module in _expectation_modules():
        for key, row in getattr(module, "EXPECTED", {}).items():
            assert key not in expected, f"{key} is listed in two expectation modules"
            expected[key] = row
        args.update(getattr(module, "ARGS", {}))
    return expected, args


@dataclass(frozen=True)
class Case:
    endpoint: str
    method: str
    rule: UrlRule

    @property
    def key(self) -> str:
        return f"{self.endpoint} {self.method}"

    @property
    def api(self) -> bool:
        return self.rule.rule.startswith("/api/")


def all_cases(app) -> list[Case]:
    cases = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            cases.append(Case(rule.endpoint, method, rule))
    return sorted(cases, key=lambda c: (c.endpoint, c.method))


def access_rule(app, endpoint):
    return getattr(app.view_functions[endpoint], "_access", None)


def declared_expectation(app, case: Case, role: str) -> set[str]:
    """What the @allow declaration grants: exactly the declared roles.

    A PUBLIC view may still check a credential of its own (a signed URL), so it may deny.
    """
    return {_declared(app, case, role)} | (
        {"deny"} if PUBLIC in getattr(access_rule(app, case.endpoint), "roles", ()) else set())


def _declared(app, case: Case, role: str) -> str:
    rule = access_rule(app, case.endpoint)
    if rule is None:
        return "deny"
    if PUBLIC in rule.roles:
        return "allow"
    if role == "anonymous" or (role == "station" and not case.api):
        return "login"  # pages never read station tokens
    if role not in rule.roles:
        return "deny"
    if role == "auditor" and case.method not in SAFE_METHODS and rule.changes_data:
        return "deny"
    return "allow"


def build_url(app, case: Case, args: dict, station_code: str) -> str:
    values = {}
    station_arg = getattr(access_rule(app, case.endpoint), "station_arg", None)
    for name in case.rule.arguments:
        if name in ("code", station_arg):
            values[name] = station_code
        elif name in args:
            values[name] = args[name]
        else:
            converter = case.rule._converters.get(name)
            values[name] = 1 if type(converter).__name__ == "IntegerConverter" else "x"
    with app.test_request_context():
        from flask import url_for

        return url_for(case.endpoint, **values)


def outcome(case: Case, response) -> str:
    status = response.status_code
    location = response.headers.get("Location", "")
    if status == 401 or (status == 302 and "/login?next=" in location):
        return "login"
    if status in (403, 404) and (status == 403 or _is_scope_404(response)):
        return "deny"
    if status >= 500:
        return f"server error {status}"  # access passed, but a crash is never an expected outcome
    return "allow"


def _is_scope_404(response) -> bool:
    # A 404 counts as a denial only when the access check itself answered (unknown station).
    body = response.get_json(silent=True) or {}
    return body.get("error", {}).get("code") == "station_not_found"


class Caller:
    """Issues one request as a role, each inside its own savepoint that is rolled back."""

    def __init__(self, app):
        self.app = app
        self.conn = db.session.get_bind()
        self.user_ids = {r: get_user(r).id for r in ("admin", "editor", "operator", "auditor")}
        self.token = stations.rotate_token(None, stations.get_station(HOME_STATION))
        db.session.commit()

    def request(self, role: str, method: str, url: str):
        db.session.close()
        savepoint = self.conn.begin_nested()
        client = self.app.test_client()
        headers = {}
        # A fresh app context per request: `g` (and Flask-Login's cached user) must not leak.
        context = self.app.app_context()
        context.push()
        try:
            if role in self.user_ids:
                with client.session_transaction() as session:
                    session["_user_id"] = str(self.user_ids[role])
                    session["_fresh"] = True
            elif role == "station":
                headers["Authorization"] = f"Bearer {self.token}"
            return client.open(url, method=method, headers=headers, data={})
        finally:
            context.pop()
            db.session.close()
            savepoint.rollback()


@pytest.fixture
def caller(app):
    return Caller(app)


@pytest.mark.parametrize("role", ROLES)
def test_every_route_answers_each_role_as_expected(app, caller, role):
    expected, args = load_expectations()
    mismatches = []
    cases = all_cases(app)
    for case in cases:
        written = expected.get(case.key, {}).get(role)
        want = {written} if written else declared_expectation(app, case, role)
        url = build_url(app, case, args, HOME_STATION)
        try:
            response = caller.request(role, case.method, url)
        except Exception as exc:  # a crash is a finding too, reported with the others
            mismatches.append(f"{case.key} {url}: raised {exc!r}")
            continue
        got = outcome(case, response)
        if got not in want:
            mismatches.append(f"{case.key} {url}: expected {'/'.join(sorted(want))}, got {got} "
                              f"({response.status_code})")
    assert len(cases) >= 15
    assert not mismatches, f"{role}:\n" + "\n".join(mismatches)


def test_declared_rules_agree_with_the_written_expectations(app):
    """A written expectation that contradicts the view's own @allow is a bug in one of them."""
    expected, _args = load_expectations()
    contradictions = []
    for case in all_cases(app):
        for role, want in expected.get(case.key, {}).items():
            declared = declared_expectation(app, case, role)
            if want not in declared:
                contradictions.append(f"{case.key} {role}: written {want}, declared "
                                      f"{'/'.join(sorted(declared))}")
    assert not contradictions, "\n".join(contradictions)


def test_every_endpoint_has_an_expectation(app):
    expected, _args = load_expectations()
    keys = {case.key for case in all_cases(app)}
    missing = sorted(keys - set(expected))
    assert not missing, "no entry in tests/access/*.py for:\n" + "\n".join(missing)
    incomplete = sorted(k for k in keys if set(expected[k]) != set(ROLES))
    assert not incomplete, "expectations lacking roles:\n" + "\n".join(incomplete)


def test_every_expectation_names_a_real_route(app):
    expected, _args = load_expectations()
    stale = sorted(set(expected) - {case.key for case in all_cases(app)})
    assert not stale, "expectations for routes that do not exist:\n" + "\n".join(stale)


def test_every_view_declares_who_may_reach_it(app):
    undeclared = sorted(c.endpoint for c in all_cases(app) if access_rule(app, c.endpoint) is None)
    assert not undeclared, "views without @allow (denied to all):\n" + "\n".join(undeclared)


def _station_scoped(app) -> list[Case]:
    return [c for c in all_cases(app) if getattr(access_rule(app, c.endpoint), "station_arg", None)]


@pytest.mark.parametrize("role", ["operator", "station"])
def test_gio_an_principal_is_denied_other_stations_routes(app, caller, role):
    """The operator bound to gio-an, and gio-an's station token, reach gio-an only."""
    checked, leaks = 0, []
    for case in _station_scoped(app):
        if role not in access_rule(app, case.endpoint).roles:
            continue
        home = caller.request(role, case.method, build_url(app, case, {}, HOME_STATION))
        away = caller.request(role, case.method, build_url(app, case, {}, OTHER_STATION))
        checked += 1
        body = away.get_json(silent=True)
        if outcome(case, home) != "allow" or away.status_code != 403:
            leaks.append(f"{case.key}: home {home.status_code}, other {away.status_code}")
        elif body is not None and body["error"]["code"] != "station_forbidden":
            leaks.append(f"{case.key}: other station answered {body}")
    assert not leaks, "\n".join(leaks)
    if checked == 0:
        pytest.skip(f"no station-scoped route is open to {role} yet")


def test_auditor_is_denied_every_method_that_changes_data(app, caller):
    _expected, args = load_expectations()
    writes = [c for c in all_cases(app) if c.method not in SAFE_METHODS]
    exempt = {c.endpoint for c in writes
              if PUBLIC in access_rule(app, c.endpoint).roles
              or not access_rule(app, c.endpoint).changes_data}
    # Changing one's own password is not a change to the archive: auditors may do it.
    # streamauth: Icecast asks whether a listener may hear a mount (a yes or no, no write).
    assert exempt <= {"auth.login", "auth.logout", "account.password", "streamauth.listener_auth"}, \
        f"unexpected exemptions: {exempt}"
    allowed = []
    for case in writes:
        if case.endpoint in exempt:
            continue
        response = caller.request("auditor", case.method,
                                  build_url(app, case, args, HOME_STATION))
        if response.status_code != 403:
            allowed.append(f"{case.key}: {response.status_code}")
    assert len(writes) - len(exempt) >= 6
    assert not allowed, "\n".join(allowed)


def test_auditor_can_sign_out_although_read_only(caller):
    response = caller.request("auditor", "POST", "/logout")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/login")


def test_auditor_write_to_a_readable_api_route_is_refused_as_read_only(app, caller):
    _expected, args = load_expectations()
    readable = [c for c in all_cases(app) if c.api and c.method not in SAFE_METHODS
                and "auditor" in access_rule(app, c.endpoint).roles]
    if not readable:
        pytest.skip("no API write route lists auditors yet")
    for case in readable:
        response = caller.request("auditor", case.method, build_url(app, case, args, HOME_STATION))
        assert response.status_code == 403, case.key
        assert response.get_json()["error"]["code"] == "read_only", case.key
