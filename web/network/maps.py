"""The cluster map page: the inline SVG (web/network/svgmap.py) and the same clusters as a table."""

from __future__ import annotations

from flask import render_template

from web.access import READERS, allow
from web.network import svgmap
from web.network.common import labels
from web.network.lists import select_network


@allow(READERS)
def cluster_map():
    sel = select_network()
    return render_template("network/map.html", sel=sel, map=svgmap.build(sel.clusters),
                           **labels())
