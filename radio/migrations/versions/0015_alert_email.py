"""alert e-mail: alert_subscriptions.address (users have no e-mail column; each subscription
names the address its alerts go to)

Revision ID: 0015_alert_email
Revises: 0014_fleet
"""

import sqlalchemy as sa
from alembic import op

revision = "0015_alert_email"
down_revision = "0014_fleet"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("alert_subscriptions") as batch:
        batch.add_column(sa.Column("address", sa.String(length=254), nullable=False,
                                   server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("alert_subscriptions") as batch:
        batch.drop_column("address")
