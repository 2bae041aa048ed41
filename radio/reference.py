"""Reference data reads and writes: CCHC topics and content agencies."""

from __future__ import annotations

from sqlalchemy import select

from radio import audit
from radio.db import db
from radio.errors import NotFound
from radio.i18n import _
from radio.models import Agency, Topic, User


def list_topics() -> list[Topic]:
    return list(db.session.scalars(select(Topic).order_by(Topic.position, Topic.slug)))


def list_agencies() -> list[Agency]:
    return list(db.session.scalars(select(Agency).order_by(Agency.name)))


def topic_by_slug(slug: str) -> Topic:
    topic = db.session.scalar(select(Topic).where(Topic.slug == slug))
    if topic is None:
        raise NotFound(_("Không có chủ đề “%(slug)s”.", slug=slug), "topic_not_found",
                       field="topic")
    return topic


def agency_by_slug(slug: str) -> Agency:
    agency = db.session.scalar(select(Agency).where(Agency.slug == slug))
    if agency is None:
        raise NotFound(_("Không có cơ quan “%(slug)s”.", slug=slug), "agency_not_found",
                       field="agency")
    return agency


def ensure_topic(actor: User | None, slug: str, name: str, position: int) -> tuple[Topic, bool]:
    topic = db.session.scalar(select(Topic).where(Topic.slug == slug))
    if topic:
        return topic, False
    topic = Topic(slug=slug, name=name, position=position)
    db.session.add(topic)
    db.session.flush()
    audit.record(actor, "topic.create", "topic", slug, after={"slug": slug, "name": name})
    return topic, True


def ensure_agency(actor: User | None, slug: str, name: str) -> tuple[Agency, bool]:
    agency = db.session.scalar(select(Agency).where(Agency.slug == slug))
    if agency:
        return agency, False
    agency = Agency(slug=slug, name=name)
    db.session.add(agency)
    db.session.flush()
    audit.record(actor, "agency.create", "agency", slug, after={"slug": slug, "name": name})
    return agency, True
