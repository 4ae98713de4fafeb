"""documenten: a zaak's number of zaakinformatieobjecten, its archiefstatus and archiefnominatie

Revision ID: 0004_documenten
Revises: 0003
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_documenten"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN (no batch copy of the tables): the SQL views of 0002 read them. The zaken
    # projected before have no number of documents (NULL: unknown, left out of the signal
    # `zonder-document`) until `zgw rapportage rebuild`; their archiefstatus starts as the default.
    op.add_column("rpt_zaak", sa.Column("aantal_documenten", sa.Integer(), nullable=True))
    op.add_column("rpt_zaak", sa.Column("archiefstatus", sa.String(length=40), nullable=False, server_default="nog_te_archiveren"))
    op.add_column("rpt_zaak", sa.Column("archiefnominatie", sa.String(length=20), nullable=True))


def downgrade() -> None:
    op.drop_column("rpt_zaak", "archiefnominatie")
    op.drop_column("rpt_zaak", "archiefstatus")
    op.drop_column("rpt_zaak", "aantal_documenten")
