"""live programmes: programmes.live_station_id (a slot that airs a station's live stream)

Revision ID: 0011_live_programmes
Revises: 0010_accounts_care
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_live_programmes"
down_revision = "0010_accounts_care"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("programmes") as batch:
        batch.add_column(sa.Column("live_station_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_programmes_live_station_id_stations"), "stations",
                                 ["live_station_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("programmes") as batch:
        batch.drop_constraint(op.f("fk_programmes_live_station_id_stations"), type_="foreignkey")
        batch.drop_column("live_station_id")
