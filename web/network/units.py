"""A unit's page: the edition, its parent and children, the stations that served it over time,
the clusters that cover it, and its lineage both ways."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from radio.db import db
from radio.errors import NotFound
from radio.i18n import _
from radio.units import lineage, queries, tree
from schedules.entries.emergencies import set_emergency_by_editor
from web.access import ADMIN, READERS, allow, current_actor
from web.args import parse_date
from web.network.common import can_see, labels, on_arg


def _day_for(unit, wanted):
    """The day the page's links are about: `wanted` while the edition is in force, else its
    last (or first) day."""
    if unit.exists_on(wanted):
        return wanted
    return unit.valid_to if unit.valid_to and wanted > unit.valid_to else unit.valid_from


def _page(unit, wanted):
    terms = [(t, s) for t, s in queries.station_terms_of(unit) if can_see(s)]
    return render_template(
        "network/unit.html", unit=unit, editions=queries.editions(unit.code),
        children=sorted(queries.children(unit), key=tree.name_order), terms=terms,
        clusters=[c for c in tree.clusters_covering(unit) if can_see(c.station)],
        predecessors=lineage.predecessors(unit, transitive=True, every_link=True),
        successors=lineage.successors(unit, transitive=True, every_link=True),
        day=_day_for(unit, wanted), **labels())


@allow(READERS)
def unit(code: str):
    day = on_arg()
    found = queries.unit_nearest(code, day)
    if found is None:
        raise NotFound(_("Không có đơn vị hành chính mã “%(code)s”.", code=code), "unit_not_found")
    return _page(found, day)


@allow(READERS)
def unit_edition(code: str, valid_from: str):
    day = parse_date(valid_from, "valid_from", iso_only=True)
    found = queries.edition(code, day)
    if found is None:
        raise NotFound(_("Không có đơn vị hành chính mã “%(code)s” từ ngày %(d)s.",
                         code=code, d=day.strftime("%d/%m/%Y")), "unit_not_found")
    return _page(found, on_arg())


@allow(ADMIN)
def emergency_by_editor(code: str, valid_from: str):
    """POST (admins, CSRF): whether the unit's editors may send an emergency without an
    approver; the bulletin is then approved under the editor's name, audited as such."""
    day = parse_date(valid_from, "valid_from", iso_only=True)
    found = queries.edition(code, day)
    if found is None:
        raise NotFound(_("Không có đơn vị hành chính mã “%(code)s” từ ngày %(d)s.",
                         code=code, d=day.strftime("%d/%m/%Y")), "unit_not_found")
    allowed = request.form.get("allowed") == "1"
    if set_emergency_by_editor(current_actor(), found, allowed):
        db.session.commit()
    flash(_("Đã cho phép biên tập viên tự phát bản tin khẩn cấp.") if allowed
          else _("Bản tin khẩn cấp của đơn vị này cần lãnh đạo duyệt."), "success")
    return redirect(url_for("network.unit_edition", code=found.code,
                            valid_from=found.valid_from.isoformat()))
