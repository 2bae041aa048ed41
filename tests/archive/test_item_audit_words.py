"""The archive item page lists its audit trail in words, not codes."""

from __future__ import annotations

import re

from radio import audit


def test_the_item_trail_reads_in_words(client, login, create_media_item):
    item = create_media_item("Chỉ số PAPI", audio="stored", topics=("mot-cua",), agency="phong-noi-vu")
    audit.record(None, "media.update", "media_item", item.id, summary=item.title)
    login("auditor")
    page = client.get(f"/archive/item/{item.id}").text
    assert 'data-action="media.update">Sửa tin bài</td>' in page
    visible = re.sub(r"<[^>]+>", " ", page.split("<main", 1)[1])
    assert "media.update" not in visible
