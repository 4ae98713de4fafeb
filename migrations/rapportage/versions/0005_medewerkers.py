"""medewerkers: the medewerkers seen (Nth-user milestone), behandelaars per zaak, who set a status

Revision ID: 0005
Revises: 0004_documenten
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004_documenten"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rpt_medewerker",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("identificatie", sa.String(length=1000), nullable=False),
        sa.Column("eerst_gezien", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rpt_medewerker")),
        sa.UniqueConstraint("identificatie", name=op.f("uq_rpt_medewerker_identificatie")),
    )
    op.create_index("ix_rpt_medewerker_eerst_gezien", "rpt_medewerker", ["eerst_gezien", "id"], unique=False)
    op.create_table(
        "rpt_behandelaar",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("zaak_id", sa.Integer(), nullable=False),
        sa.Column("identificatie", sa.String(length=1000), nullable=False),
        sa.ForeignKeyConstraint(["zaak_id"], ["rpt_zaak.id"], name=op.f("fk_rpt_behandelaar_zaak_id_rpt_zaak"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rpt_behandelaar")),
    )
    op.create_index(op.f("ix_rpt_behandelaar_zaak_id"), "rpt_behandelaar", ["zaak_id"], unique=False)
    op.create_index(op.f("ix_rpt_behandelaar_identificatie"), "rpt_behandelaar", ["identificatie"], unique=False)
    # plain ADD COLUMN (no batch copy of the table): the SQL views of 0002 read it
    op.add_column("rpt_status", sa.Column("gezet_door", sa.String(length=1000), nullable=True))
    op.create_index(op.f("ix_rpt_status_gezet_door"), "rpt_status", ["gezet_door"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_rpt_status_gezet_door"), table_name="rpt_status")
    op.drop_column("rpt_status", "gezet_door")
    op.drop_index(op.f("ix_rpt_behandelaar_identificatie"), table_name="rpt_behandelaar")
    op.drop_index(op.f("ix_rpt_behandelaar_zaak_id"), table_name="rpt_behandelaar")
    op.drop_table("rpt_behandelaar")
    op.drop_index("ix_rpt_medewerker_eerst_gezien", table_name="rpt_medewerker")
    op.drop_table("rpt_medewerker")
