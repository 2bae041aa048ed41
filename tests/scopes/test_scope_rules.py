"""radio/scopes.py: which units and stations a role applied to a unit reaches."""

from __future__ import annotations

from radio import scopes
from radio.stations import list_stations

QT_SIDE = {"huyen", "gio-an", "linh-truong", "gio-hai", "gio-mai", "hai-dinh", "con-tien",
           "cua-viet", "dong-hoi", "tinh"}
EVERY = QT_SIDE | {"thuan-hoa", "orphan"}


def _visible(user, world) -> set[str]:
    ours = {s.code for s in world.stations.values()}
    return {s.code for s in list_stations(visible_to=user)} & ours


def test_a_province_reaches_every_commune_its_old_provinces_and_districts(unit_world):
    w = unit_world
    ids = scopes.units_in_scope(w.unit("qt"))
    names = {u.code + "@" + u.valid_from.isoformat() for u in w.units.values() if u.id in ids}
    expected = {k for k in w.units if k not in ("hue", "hue-old", "thuan-hoa")}
    assert ids == {w.unit(k).id for k in expected}, names


def test_a_commune_reaches_itself_and_its_former_communes_only(unit_world):
    w = unit_world
    assert scopes.units_in_scope(w.unit("con-tien")) == {
        w.unit(k).id for k in ("con-tien", "gio-an", "linh-truong")}
    assert scopes.units_in_scope(w.unit("gio-an")) == {w.unit("gio-an").id}


def test_a_province_auditor_sees_all_communes_stations(unit_world, scoped_user):
    auditor = scoped_user("auditor", "qt")
    assert _visible(auditor, unit_world) == unit_world.codes(*QT_SIDE)
    assert not auditor.can_see_station(unit_world.station("thuan-hoa"))
    assert not auditor.can_see_station(unit_world.station("orphan"))  # no unit term


def test_a_commune_editor_sees_its_station_and_the_stations_that_became_its_clusters(
        unit_world, scoped_user):
    editor = scoped_user("editor", "con-tien")
    assert _visible(editor, unit_world) == unit_world.codes("con-tien", "gio-an", "linh-truong")
    for neighbour in ("cua-viet", "gio-hai", "huyen", "tinh"):
        assert not editor.can_see_station(unit_world.station(neighbour)), neighbour


def test_an_operator_of_a_former_communes_cluster_sees_only_that_clusters_station(
        unit_world, scoped_user):
    # The Gio An operator now runs the Gio An cluster, which the Cồn Tiên station feeds.
    operator = scoped_user("operator", "gio-an", station_keys=["con-tien"])
    assert unit_world.clusters["gio-an"].station_id == unit_world.station("con-tien").id
    assert _visible(operator, unit_world) == unit_world.codes("con-tien")
    assert not operator.can_see_station(unit_world.station("gio-an"))
    assert not operator.can_see_station(unit_world.station("linh-truong"))


def test_admins_and_unscoped_accounts_see_the_whole_network(unit_world, scoped_user):
    for user in (scoped_user("admin", None), scoped_user("editor", None),
                 scoped_user("auditor", None)):
        assert _visible(user, unit_world) == unit_world.codes(*EVERY), user.role
        assert scopes.station_filter(user) is None


def test_an_admin_with_a_unit_still_sees_everything(unit_world, scoped_user):
    admin = scoped_user("admin", "gio-an")
    assert _visible(admin, unit_world) == unit_world.codes(*EVERY)


def test_a_district_era_account_sees_the_district_and_its_communes(unit_world, scoped_user):
    editor = scoped_user("editor", "gio-linh")
    assert _visible(editor, unit_world) == unit_world.codes(
        "huyen", "gio-an", "linh-truong", "gio-hai", "gio-mai")


def test_require_stations_refuses_a_neighbour_with_403(unit_world, scoped_user):
    editor = scoped_user("editor", "cua-viet")
    scopes.require_stations(editor, [unit_world.station("cua-viet")])
    try:
        scopes.require_stations(editor, [unit_world.station("cua-viet"),
                                         unit_world.station("con-tien")])
    except scopes.OutOfScope as exc:
        assert exc.status == 403 and exc.code == "station_forbidden"
        assert exc.details["stations"] == ["sc-con-tien"]
    else:
        raise AssertionError("a neighbour's station was accepted")
