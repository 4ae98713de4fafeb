"""zaak zaaktype_catalogus for catalogus autorisaties

The catalogus autorisaties extension (services/zaken/access.py): a zaak keeps the catalogus of its
zaaktype, so an autorisatie for a whole catalogus filters lists in SQL like one for a zaaktype.

Backfill: none. Existing zaken get NULL, which no catalogus autorisatie matches: they stay
reachable through autorisaties for their zaaktype (and by clients with all rights), exactly as
before, and are never widened to a client with only a catalogus autorisatie. That is the safe
side; filling them would mean reading every zaaktype from its Catalogi API during a migration.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 15:12:47.017200
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("zaak", schema=None) as batch_op:
        batch_op.add_column(sa.Column("zaaktype_catalogus", sa.String(length=1000), nullable=True))
        batch_op.create_index("ix_zaak_zaaktype_catalogus_rank", ["zaaktype_catalogus", "vertrouwelijkheid_rank"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("zaak", schema=None) as batch_op:
        batch_op.drop_index("ix_zaak_zaaktype_catalogus_rank")
        batch_op.drop_column("zaaktype_catalogus")
