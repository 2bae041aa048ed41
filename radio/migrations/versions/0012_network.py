"""network after 1/7/2025: admin_units, unit_lineage, station_units, clusters,
schedule_entry_clusters, users.unit_id

Revision ID: 0012_network
Revises: 0011_live_programmes
"""

import sqlalchemy as sa
from alembic import op

import radio.models.base

revision = "0012_network"
down_revision = "0011_live_programmes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "admin_units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("unit_type", sa.String(length=32), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("created_at", radio.models.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["parent_id"], ["admin_units.id"],
                                name=op.f("fk_admin_units_parent_id_admin_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admin_units")),
        sa.UniqueConstraint("code", "valid_from", name="uq_admin_units_code_valid_from"),
    )
    op.create_index(op.f("ix_admin_units_code"), "admin_units", ["code"])
    op.create_index(op.f("ix_admin_units_parent_id"), "admin_units", ["parent_id"])
    op.create_table(
        "unit_lineage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("predecessor_id", sa.Integer(), nullable=False),
        sa.Column("successor_id", sa.Integer(), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("created_at", radio.models.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["predecessor_id"], ["admin_units.id"],
                                name=op.f("fk_unit_lineage_predecessor_id_admin_units")),
        sa.ForeignKeyConstraint(["successor_id"], ["admin_units.id"],
                                name=op.f("fk_unit_lineage_successor_id_admin_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_lineage")),
        sa.UniqueConstraint("predecessor_id", "successor_id", "effective_on",
                            name="uq_unit_lineage_predecessor_id"),
    )
    op.create_index(op.f("ix_unit_lineage_predecessor_id"), "unit_lineage", ["predecessor_id"])
    op.create_index(op.f("ix_unit_lineage_successor_id"), "unit_lineage", ["successor_id"])
    op.create_table(
        "station_units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["station_id"], ["stations.id"], ondelete="CASCADE",
                                name=op.f("fk_station_units_station_id_stations")),
        sa.ForeignKeyConstraint(["unit_id"], ["admin_units.id"],
                                name=op.f("fk_station_units_unit_id_admin_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_station_units")),
    )
    op.create_index(op.f("ix_station_units_station_id"), "station_units", ["station_id"])
    op.create_index(op.f("ix_station_units_unit_id"), "station_units", ["unit_id"])
    op.create_table(
        "clusters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("covers", sa.String(length=200), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("former_station_id", sa.Integer(), nullable=True),
        sa.Column("technology", sa.String(length=16), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("speakers", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("created_at", radio.models.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["station_id"], ["stations.id"],
                                name=op.f("fk_clusters_station_id_stations")),
        sa.ForeignKeyConstraint(["former_station_id"], ["stations.id"],
                                name=op.f("fk_clusters_former_station_id_stations")),
        sa.ForeignKeyConstraint(["unit_id"], ["admin_units.id"],
                                name=op.f("fk_clusters_unit_id_admin_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clusters")),
        sa.UniqueConstraint("code", name=op.f("uq_clusters_code")),
    )
    op.create_index(op.f("ix_clusters_station_id"), "clusters", ["station_id"])
    op.create_table(
        "schedule_entry_clusters",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("cluster_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["schedule_entries.id"], ondelete="CASCADE",
                                name=op.f("fk_schedule_entry_clusters_entry_id_schedule_entries")),
        sa.ForeignKeyConstraint(["cluster_id"], ["clusters.id"], ondelete="CASCADE",
                                name=op.f("fk_schedule_entry_clusters_cluster_id_clusters")),
        sa.PrimaryKeyConstraint("entry_id", "cluster_id", name=op.f("pk_schedule_entry_clusters")),
    )
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("unit_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_users_unit_id_admin_units"), "admin_units",
                                 ["unit_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint(op.f("fk_users_unit_id_admin_units"), type_="foreignkey")
        batch.drop_column("unit_id")
    op.drop_table("schedule_entry_clusters")
    op.drop_index(op.f("ix_clusters_station_id"), table_name="clusters")
    op.drop_table("clusters")
    op.drop_index(op.f("ix_station_units_unit_id"), table_name="station_units")
    op.drop_index(op.f("ix_station_units_station_id"), table_name="station_units")
    op.drop_table("station_units")
    op.drop_index(op.f("ix_unit_lineage_successor_id"), table_name="unit_lineage")
    op.drop_index(op.f("ix_unit_lineage_predecessor_id"), table_name="unit_lineage")
    op.drop_table("unit_lineage")
    op.drop_index(op.f("ix_admin_units_parent_id"), table_name="admin_units")
    op.drop_index(op.f("ix_admin_units_code"), table_name="admin_units")
    op.drop_table("admin_units")
