"""A bulletin made from the plan's own sentences, aired, is in the verification package with
the text the editor wrote and the normalised text the engine spoke, and the package verifies."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import timedelta
from zoneinfo import ZoneInfo

from media.bulletins import operations as ops
from media.speech.abbreviations import abbreviations_for
from media.speech.normalise import normalise
from radio import clock
from radio.archive.export import write_package
from radio.archive.package import PackageZip, verify_package
from radio.archive.periods import parse_period
from tests.bulletins.conftest import PLAN

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def test_an_aired_bulletin_carries_its_text_and_spoken_text_into_the_package(app, air,
                                                                            tmp_path):
    item = ops.make_bulletin(None, title="Kế hoạch tuyên truyền CCHC năm 2022", text=PLAN,
                             voice_id="espeak-ng:vi",
                             settings=app.config["RADIO_SETTINGS"]).item
    at = clock.now().replace(microsecond=0) + timedelta(minutes=1)
    air("gio-an", item, at)
    out = tmp_path / "goi.zip"
    result = write_package(parse_period(str(at.astimezone(TZ).year)), out)
    assert result.problems == []
    with zipfile.ZipFile(out) as raw:
        zf = PackageZip(raw)
        rows = list(csv.DictReader(io.StringIO(zf.read("bulletins.csv").decode("utf-8-sig"))))
        row = next(r for r in rows if r["media_id"] == str(item.id))
        text = zf.read(row["text_file"]).decode("utf-8")
        spoken = zf.read(row["spoken_file"]).decode("utf-8")
    expected_spoken = normalise(PLAN, abbreviations_for("vi"))
    assert (row["text"], row["spoken_text"], row["engine"]) == (PLAN, expected_spoken,
                                                                 "espeak-ng")
    assert (text, spoken) == (PLAN, expected_spoken)
    assert "ủy ban nhân dân" in spoken and "ngày hai mươi sáu tháng một" in spoken
    assert verify_package(out).ok
