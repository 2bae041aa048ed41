"""editorial workflow: approval state on media_items and occurrences, languages, provenance,
bulletin_texts, speech_abbreviations, admin_units.emergency_by_editor

Rows from before approval existed stay on air: their state is `approved`.

Revision ID: 0013_editorial
Revises: 0012_network
"""

import sqlalchemy as sa
from alembic import op

import radio.models.base

revision = "0013_editorial"
down_revision = "0012_network"
branch_labels = None
depends_on = None

LANGUAGES = [("vi", "Tiếng Việt", "Vietnamese", 0), ("bru", "Tiếng Bru-Vân Kiều", "Bru", 1),
             ("pko", "Tiếng Pa Kô", "Pacoh", 2)]


def _columns(table: str) -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)}


def _add_reference(table: str, column: str, target: str) -> None:
    """A nullable integer column referencing target.id. SQLite takes the reference inline in
    ADD COLUMN (Alembic would need a batch copy); PostgreSQL gets a named constraint."""
    if op.get_bind().dialect.name == "sqlite":
        if column in _columns(table):  # left by a downgrade: SQLite cannot drop it
            return
        op.execute(f"ALTER TABLE {table} ADD COLUMN {column} INTEGER REFERENCES {target} (id)")
        return
    op.add_column(table, sa.Column(column, sa.Integer(), nullable=True))
    op.create_foreign_key(op.f(f"fk_{table}_{column}_{target}"), table, target, [column], ["id"])


def _approval_columns(table: str) -> None:
    # Plain ADD COLUMN, not a batch copy: SQLite refuses to drop media_items while rows point
    # at it, and every new column has a default or allows NULL.
    op.add_column(table, sa.Column(
        "approval", sa.Enum("draft", "submitted", "approved", "returned", name="approvalstate",
                            native_enum=False, length=16),
        nullable=False, server_default="approved"))
    op.add_column(table, sa.Column("submitted_at", radio.models.base.UTCDateTime(), nullable=True))
    op.add_column(table, sa.Column("approval_at", radio.models.base.UTCDateTime(), nullable=True))
    op.add_column(table, sa.Column("return_reason", sa.String(length=1000), nullable=False,
                                   server_default=""))
    for col in ("submitted_by_id", "approval_by_id"):
        _add_reference(table, col, "users")
    op.create_index(op.f(f"ix_{table}_approval"), table, ["approval"])


def upgrade() -> None:
    languages = op.create_table(
        "languages",
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("name_en", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", radio.models.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_languages")),
    )
    from radio import clock

    now = clock.now()
    op.bulk_insert(languages, [{"code": c, "name": n, "name_en": e, "position": p,
                                "created_at": now} for c, n, e, p in LANGUAGES])
    _approval_columns("media_items")
    _approval_columns("occurrences")
    op.add_column("media_items", sa.Column("language", sa.String(length=8), nullable=False,
                                           server_default="vi"))
    op.add_column("media_items", sa.Column("source_doc_number", sa.String(length=100),
                                           nullable=False, server_default=""))
    op.add_column("media_items", sa.Column("source_doc_date", sa.Date(), nullable=True))
    op.add_column("media_items", sa.Column("rights_note", sa.String(length=500), nullable=False,
                                           server_default=""))
    op.add_column("media_items", sa.Column("version", sa.Integer(), nullable=False,
                                           server_default="1"))
    _add_reference("media_items", "previous_version_id", "media_items")
    op.create_index(op.f("ix_media_items_language"), "media_items", ["language"])
    op.add_column("admin_units", sa.Column("emergency_by_editor", sa.Boolean(), nullable=False,
                                           server_default=sa.false()))
    op.create_table(
        "bulletin_texts",
        sa.Column("media_item_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("spoken_text", sa.Text(), nullable=False),
        sa.Column("engine", sa.String(length=64), nullable=False),
        sa.Column("engine_version", sa.String(length=200), nullable=False),
        sa.Column("voice", sa.String(length=100), nullable=False),
        sa.Column("rate", sa.Float(), nullable=False),
        sa.Column("source_name", sa.String(length=500), nullable=False),
        sa.Column("created_at", radio.models.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["media_item_id"], ["media_items.id"], ondelete="CASCADE",
                                name=op.f("fk_bulletin_texts_media_item_id_media_items")),
        sa.PrimaryKeyConstraint("media_item_id", name=op.f("pk_bulletin_texts")),
    )
    op.create_table(
        "speech_abbreviations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("abbreviation", sa.String(length=50), nullable=False),
        sa.Column("expansion", sa.String(length=300), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", radio.models.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", radio.models.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"],
                                name=op.f("fk_speech_abbreviations_created_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speech_abbreviations")),
        sa.UniqueConstraint("language", "abbreviation",
                            name="uq_speech_abbreviations_language_abbreviation"),
    )


def downgrade() -> None:
    """On SQLite the reference columns stay (SQLite cannot drop a column of a foreign key, and
    a batch copy of media_items would delete or refuse the rows that point at it); they are
    nullable and unused below this revision, and an upgrade takes them back."""
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.drop_table("speech_abbreviations")
    op.drop_table("bulletin_texts")
    op.drop_column("admin_units", "emergency_by_editor")
    op.drop_index(op.f("ix_media_items_language"), table_name="media_items")
    for col in ("version", "rights_note", "source_doc_date", "source_doc_number", "language"):
        op.drop_column("media_items", col)
    refs = {"media_items": ["previous_version_id"], "occurrences": []}
    for table in ("occurrences", "media_items"):
        op.drop_index(op.f(f"ix_{table}_approval"), table_name=table)
        for col in ("return_reason", "approval_at", "submitted_at", "approval"):
            op.drop_column(table, col)
        for col in [*refs[table], "approval_by_id", "submitted_by_id"]:
            if not sqlite:
                target = "media_items" if col == "previous_version_id" else "users"
                op.drop_constraint(op.f(f"fk_{table}_{col}_{target}"), table, type_="foreignkey")
                op.drop_column(table, col)
    op.drop_table("languages")
