"""The rundown's library picker lets the editor listen before adding an item."""

from __future__ import annotations

from sqlalchemy import select

from radio.db import db
from radio.models import Occurrence
from tests.factories.schedules import next_weekday


def test_each_candidate_has_a_player_that_plays_its_audio(login, client, make_programme,
                                                          create_media_item, tmp_path):
    login("editor")
    tuesday = next_weekday(2)
    prog = make_programme(duration_s=300, valid_from=tuesday, until=tuesday)
    occ = db.session.scalar(select(Occurrence).where(Occurrence.programme_id == prog.id))
    item = create_media_item("Tin nghe thử", 3, audio="stored")
    page = client.get(f"/planning/occurrences/{occ.id}").text
    row = page.split(f'<tr data-media="{item.id}">', 1)[1].split("</tr>", 1)[0]
    src = f"/library/{item.id}/audio"
    assert f'<audio controls preload="none" src="{src}"' in row
    audio = client.get(src)
    assert audio.status_code == 200 and audio.mimetype == "audio/mpeg"
    assert audio.data[:3] == b"ID3" or audio.data[0] == 0xFF
