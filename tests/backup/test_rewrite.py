"""Restoring a PostgreSQL dump into another schema renames qualified names, never data."""

from __future__ import annotations

import pytest

from radio.backup.database import pg_schema, rewrite_schema

DUMP = [
    "SELECT pg_catalog.set_config('search_path', '', false);\n",
    "CREATE SCHEMA t_live_1;\n",
    "CREATE TABLE t_live_1.notes (id integer DEFAULT nextval('t_live_1.notes_id_seq'), body text);\n",
    "COPY t_live_1.notes (id, body) FROM stdin;\n",
    "1\tsee t_live_1.notes and \"t_live_1\".x\n",
    "\\.\n",
    "SELECT pg_catalog.setval('t_live_1.notes_id_seq', 1, true);\n",
    "ALTER TABLE ONLY xt_live_1.other ADD CONSTRAINT c PRIMARY KEY (id);\n",
]


def test_qualified_names_move_to_the_target_schema_and_copy_data_stays_as_it_was():
    out = list(rewrite_schema(DUMP, "t_live_1", "restored"))
    assert "CREATE SCHEMA t_live_1;\n" not in out
    assert out[1] == ('CREATE TABLE "restored".notes (id integer DEFAULT '
                      "nextval('\"restored\".notes_id_seq'), body text);\n")
    assert out[2] == 'COPY "restored".notes (id, body) FROM stdin;\n'
    assert out[3] == DUMP[4]  # data rows are byte for byte the same
    assert out[5] == "SELECT pg_catalog.setval('\"restored\".notes_id_seq', 1, true);\n"
    assert out[6] == DUMP[7]  # another schema whose name merely ends the same way


@pytest.mark.parametrize(("url", "schema"), [
    ("postgresql+psycopg://u@h/db", "public"),
    ("postgresql+psycopg://u@h/db?options=-csearch_path%3Dt_x_1", "t_x_1"),
    ("postgresql+psycopg://u@h/db?options=-c%20search_path%3Dradio,public", "radio"),
])
def test_the_schema_comes_from_the_search_path_of_the_url(url, schema):
    assert pg_schema(url) == schema
