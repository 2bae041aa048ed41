"""The OpenAPI 3.1 document: valid, and every documented GET route answers as documented."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from radio import clock
from radio.security import hash_token
from tests.stations.conftest import http

pytestmark = pytest.mark.dates  # reads the clock: `make test-dates` runs it at faked dates

ADMIN_TOKEN = "openapi-test-admin-token-0123456789"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def document(seeded):
    resp = http("GET", f"{seeded['server'].url}/api/v1/openapi.json")
    assert resp.status == 200
    return resp.json()


@pytest.fixture(scope="module")
def admin_token(seeded):
    from sqlalchemy import update

    from radio.models import User

    session = seeded["seeder"].session
    seeded["seeder"].refresh()  # a stale read snapshot cannot take the write lock (WAL)
    session.execute(update(User).where(User.username == "admin")
                    .values(api_token_hash=hash_token(ADMIN_TOKEN)))
    session.commit()
    return ADMIN_TOKEN


def test_the_served_document_is_valid_openapi_3_1(document):
    assert document["openapi"].startswith("3.1")
    validate(document)


def test_the_station_routes_are_documented(document):
    for path in ("/api/v1/stations/{code}/playlist", "/api/v1/stations/{code}/asrun",
                 "/api/v1/stations/{code}/heartbeat", "/api/v1/stations/{code}/now",
                 "/api/v1/media/{media_id}/audio", "/api/v1/openapi.json"):
        assert path in document["paths"], path


def test_the_exported_copy_matches_the_served_document(document):
    # Refresh with `python -m web.api.openapi > docs/openapi.json`.
    exported = json.loads((ROOT / "docs" / "openapi.json").read_text())
    assert exported["openapi"] == document["openapi"]
    assert exported["paths"].keys() == document["paths"].keys()
    for path, ops in document["paths"].items():
        assert exported["paths"][path].keys() == ops.keys(), path


def _pointer(*parts: str) -> str:
    return "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


def _sample_args(seeded, path: str) -> dict:
    playlist = http("GET", f"{seeded['server'].url}/api/v1/stations/trung-son/playlist?"
                    f"date={seeded['entries']['trung-son'][0].starts_at.date()}",
                    token=seeded["tokens"]["trung-son"]).json()
    signed = next((i["url"] for i in playlist["items"] if i.get("url")), "")
    token = re.search(r"/signed/([^/]+)\.mp3", signed)
    return {"code": "trung-son", "media_id": seeded["media"]["trung-son"].id,
            "token": token[1] if token else "x", "id": 1, "item_id": 1, "entry_id": 1}


def test_every_documented_get_route_answers_as_documented(seeded, document, admin_token):
    registry = Registry().with_resource(
        "urn:doc", Resource.from_contents(document, default_specification=DRAFT202012))
    args = _sample_args(seeded, "")
    checked = []
    for path, ops in document["paths"].items():
        op = ops.get("get")
        if op is None:
            continue
        params = {p["name"]: str(args.get(p["name"], 1)) for p in op.get("parameters", [])
                  if p["in"] == "path"}
        url = seeded["server"].url + path.format(**params)
        station_scoped = "{code}" in path
        token = seeded["tokens"]["trung-son"] if station_scoped else admin_token
        resp = http("GET", url, token=token if op.get("security", [1]) else None)
        documented = op["responses"]
        assert str(resp.status) in documented or "default" in documented, (
            f"GET {path} answered {resp.status}, documented {sorted(documented)}")
        ctype = resp.headers.get("Content-Type", "").split(";")[0]
        answer = documented.get(str(resp.status), {})
        if "$ref" in answer:
            answer = document["components"]["responses"][answer["$ref"].rsplit("/", 1)[1]]
        if resp.status < 300 and answer.get("content"):
            assert ctype in answer["content"], f"GET {path}: {ctype} not documented"
        if ctype == "application/json" and "application/json" in answer.get("content", {}):
            ref = "urn:doc#/" + _pointer("paths", path, "get", "responses", str(resp.status),
                                         "content", "application/json", "schema")
            if "$ref" in documented[str(resp.status)]:
                ref = "urn:doc#/components/schemas/Error"
            Draft202012Validator({"$ref": ref}, registry=registry).validate(resp.json())
        checked.append(path)
    assert "/api/v1/stations/{code}/playlist" in checked


def test_asrun_and_heartbeat_answers_match_their_schemas(seeded, document):
    registry = Registry().with_resource(
        "urn:doc", Resource.from_contents(document, default_specification=DRAFT202012))
    url, token = seeded["server"].url, seeded["tokens"]["trung-son"]
    import uuid

    event = {"id": str(uuid.uuid4()), "status": "aired",
             "started_at": clock.now().isoformat()}
    cases = [("/api/v1/stations/{code}/asrun", {"events": [event]}, "200"),
             ("/api/v1/stations/{code}/asrun", {"events": [{"id": "x"}]}, "422"),
             ("/api/v1/stations/{code}/heartbeat", {"agent_version": "t"}, "200")]
    for path, body, status in cases:
        schema = document["paths"][path]["post"]["requestBody"]["content"]["application/json"]
        if status == "200":
            Draft202012Validator({"$ref": "urn:doc#/" + _pointer(
                "paths", path, "post", "requestBody", "content", "application/json", "schema")},
                registry=registry).validate(body)
        assert schema
        resp = http("POST", url + path.format(code="trung-son"), token=token, body=body)
        assert str(resp.status) == status
        ref = "urn:doc#/" + _pointer("paths", path, "post", "responses", status, "content",
                                     "application/json", "schema")
        Draft202012Validator({"$ref": ref}, registry=registry).validate(resp.json())


def test_every_api_route_is_documented(app):
    from web.api.openapi import build_document

    with app.test_request_context("/"):
        documented = set(build_document()["paths"])
    rules = {re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", r.rule) for r in app.url_map.iter_rules()
             if r.rule.startswith("/api/")}
    assert rules - documented == set()
