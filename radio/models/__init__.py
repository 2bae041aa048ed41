"""All models, imported here so that metadata and relationships are complete."""

from radio.models.admin_unit import AdminUnit, UnitLevel
from radio.models.agency import Agency
from radio.models.airing import Airing, AiringStatus
from radio.models.alert import Alert, AlertKind, AlertLevel
from radio.models.alert_rule import AlertRule
from radio.models.alert_subscription import AlertSubscription
from radio.models.approval import ApprovalFields, ApprovalState
from radio.models.asrun_event import AsRunEvent, AsRunStatus
from radio.models.attachment import Attachment
from radio.models.audit_entry import AuditEntry
from radio.models.base import Base, utcnow
from radio.models.broadcast_window import BroadcastWindow
from radio.models.bulletin_text import BulletinText
from radio.models.chain_seal import ChainSeal
from radio.models.cluster import Cluster, Technology, entry_clusters
from radio.models.emergency_receipt import EmergencyReceipt
from radio.models.health_sample import HealthSample
from radio.models.heartbeat import Heartbeat
from radio.models.job_run import JobRun
from radio.models.language import Language
from radio.models.live_session import LiveSession, LiveStatus
from radio.models.media_item import MediaItem, MediaKind, MediaStatus, media_topics
from radio.models.occurrence import Occurrence, OccurrenceStatus
from radio.models.official_document import OfficialDocument
from radio.models.programme import Programme, ProgrammeTarget, programme_stations
from radio.models.rundown_item import RundownItem
from radio.models.schedule_entry import EntryKind, Priority, ScheduleEntry
from radio.models.scheduler_lock import SchedulerLock
from radio.models.signin_throttle import SigninThrottle
from radio.models.speech_abbreviation import SpeechAbbreviation
from radio.models.station import Station, StationKind
from radio.models.station_command import CommandKind, CommandStatus, StationCommand
from radio.models.station_health import StationHealth
from radio.models.station_unit import StationUnit
from radio.models.topic import Topic
from radio.models.unit_lineage import LineageKind, UnitLineage
from radio.models.user import Role, User, user_stations

__all__ = [
    "AdminUnit", "Cluster", "LineageKind", "StationUnit", "Technology", "UnitLevel", "UnitLineage",
    "entry_clusters",
    "Alert", "AlertKind", "AlertLevel", "AlertRule", "AlertSubscription", "CommandKind",
    "CommandStatus", "EmergencyReceipt", "HealthSample", "StationCommand", "StationHealth",
    "ApprovalFields", "ApprovalState", "BulletinText", "Language", "SpeechAbbreviation",
    "Agency", "Airing", "AiringStatus", "AsRunEvent", "AsRunStatus", "Attachment", "AuditEntry", "Base", "BroadcastWindow",
    "ChainSeal", "EntryKind", "Heartbeat", "JobRun", "LiveSession", "LiveStatus", "MediaItem", "MediaKind", "MediaStatus", "OfficialDocument", "Occurrence",
    "OccurrenceStatus", "Priority", "Programme", "ProgrammeTarget", "RundownItem", "ScheduleEntry",
    "SchedulerLock", "SigninThrottle", "Station", "StationKind", "Topic", "User", "Role", "media_topics",
    "programme_stations", "user_stations", "utcnow",
]
