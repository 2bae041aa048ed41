"""An editor uploads a Bru-Vân Kiều item with its source document in a real browser (the
script upload through the API), then finds it by the language filter and by its number."""

from __future__ import annotations

import shutil
import uuid

import pytest

pytestmark = pytest.mark.browser


def test_editor_uploads_in_bru_with_provenance_and_finds_it(page, login_as, fixture_dir,
                                                            tmp_path):
    unique = tmp_path / f"bru-{uuid.uuid4().hex[:8]}.wav"  # bytes no other test uploads
    shutil.copyfile(fixture_dir / "studio.wav", unique)
    with open(unique, "ab") as fh:
        fh.write(b"JUNK" + (8).to_bytes(4, "little") + uuid.uuid4().bytes[:8])
    number = f"Công văn {uuid.uuid4().int % 9000 + 1000}/BTTTT-TTCS"
    login_as("editor")
    page.goto("/library/upload")
    page.set_input_files("input[type=file]", [str(unique)])
    page.select_option("select[name=language]", "bru")
    page.fill("input[name=source_doc_number]", number)
    page.fill("input[name=source_doc_date]", "27/04/2021")
    page.fill("textarea[name=rights_note]", "Được phép phát lại")
    page.click("#upload-start")
    page.wait_for_selector("#upload-results li.ok", timeout=60000)

    page.goto("/library/?language=bru&q=" + number.split(" ")[1])
    rows = page.locator("table.library tbody tr")
    assert rows.count() == 1
    assert rows.first.locator("td.language").inner_text() == "Tiếng Bru-Vân Kiều"
    rows.first.locator("td a").first.click()
    assert page.inner_text("td.provenance") == f"Nguồn: {number}, 27/04/2021"
    assert page.inner_text("td.rights-note") == "Được phép phát lại"
