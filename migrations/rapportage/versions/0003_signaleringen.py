"""signaleringen: when a status was registered, since when a zaak is in its status, indexes

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN (no batch copy of the tables): the SQL views of 0002 read them
    op.add_column("rpt_status", sa.Column("geregistreerd", sa.DateTime(timezone=True), nullable=True))
    op.add_column("rpt_status", sa.Column("naregistratie_seconden", sa.Integer(), nullable=True))
    op.create_index(op.f("ix_rpt_status_naregistratie_seconden"), "rpt_status", ["naregistratie_seconden"], unique=False)
    op.add_column("rpt_zaak", sa.Column("status_sinds", sa.DateTime(timezone=True), nullable=True))
    op.create_index("ix_rpt_zaak_einddatum_deadline", "rpt_zaak", ["einddatum", "deadline_doorlooptijd"], unique=False)
    op.create_index("ix_rpt_zaak_statustype_sinds", "rpt_zaak", ["statustype_id", "status_sinds"], unique=False)
    op.create_index("ix_rpt_zaak_startdatum", "rpt_zaak", ["startdatum"], unique=False)
    # the zaken projected before: their current status's moment (their statussen's registration
    # stays unknown until a rebuild reads the audit trails)
    op.execute(
        "UPDATE rpt_zaak SET status_sinds = (SELECT s.datum_status_gezet FROM rpt_status s WHERE s.url = rpt_zaak.status_url) "
        "WHERE status_url IS NOT NULL"
    )


def downgrade() -> None:
    # plain DROP COLUMN likewise (SQLite 3.35+)
    op.drop_index("ix_rpt_zaak_startdatum", table_name="rpt_zaak")
    op.drop_index("ix_rpt_zaak_statustype_sinds", table_name="rpt_zaak")
    op.drop_index("ix_rpt_zaak_einddatum_deadline", table_name="rpt_zaak")
    op.drop_column("rpt_zaak", "status_sinds")
    op.drop_index(op.f("ix_rpt_status_naregistratie_seconden"), table_name="rpt_status")
    op.drop_column("rpt_status", "naregistratie_seconden")
    op.drop_column("rpt_status", "geregistreerd")
