"""The initial Besluiten schema: besluiten with their identificatie counter,
besluitinformatieobjecten, the outbox and the audit trail

Revision ID: 0001
Revises:
Create Date: 2026-12-07 10:58:15.240587
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audittrail",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("bron", sa.String(length=50), nullable=False),
        sa.Column("applicatie_id", sa.String(length=100), nullable=False),
        sa.Column("applicatie_weergave", sa.String(length=200), nullable=False),
        sa.Column("gebruikers_id", sa.String(length=255), nullable=False),
        sa.Column("gebruikers_weergave", sa.String(length=255), nullable=False),
        sa.Column("actie", sa.String(length=50), nullable=False),
        sa.Column("actie_weergave", sa.String(length=200), nullable=False),
        sa.Column("resultaat", sa.Integer(), nullable=False),
        sa.Column("hoofd_object", sa.String(length=1000), nullable=False),
        sa.Column("hoofd_object_path", sa.String(length=1000), nullable=False),
        sa.Column("resource", sa.String(length=50), nullable=False),
        sa.Column("resource_url", sa.String(length=1000), nullable=False),
        sa.Column("toelichting", sa.Text(), nullable=False),
        sa.Column("resource_weergave", sa.String(length=200), nullable=False),
        sa.Column("aanmaakdatum", sa.DateTime(timezone=True), nullable=False),
        sa.Column("oud", sa.JSON(), nullable=True),
        sa.Column("nieuw", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audittrail")),
        sa.UniqueConstraint("uuid", name=op.f("uq_audittrail_uuid")),
    )
    with op.batch_alter_table("audittrail", schema=None) as batch_op:
        batch_op.create_index("ix_audittrail_hoofd_object_path", ["hoofd_object_path", "id"], unique=False)

    op.create_table(
        "besluit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("identificatie", sa.String(length=50), nullable=False),
        sa.Column("verantwoordelijke_organisatie", sa.String(length=9), nullable=False),
        sa.Column("besluittype", sa.String(length=1000), nullable=False),
        sa.Column("besluittype_catalogus", sa.String(length=1000), nullable=True),
        sa.Column("zaak", sa.String(length=1000), nullable=False),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("toelichting", sa.Text(), nullable=False),
        sa.Column("bestuursorgaan", sa.String(length=50), nullable=False),
        sa.Column("ingangsdatum", sa.Date(), nullable=False),
        sa.Column("vervaldatum", sa.Date(), nullable=True),
        sa.Column("vervalreden", sa.String(length=30), nullable=False),
        sa.Column("publicatiedatum", sa.Date(), nullable=True),
        sa.Column("verzenddatum", sa.Date(), nullable=True),
        sa.Column("uiterlijke_reactiedatum", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_besluit")),
        sa.UniqueConstraint("uuid", name=op.f("uq_besluit_uuid")),
        sa.UniqueConstraint("verantwoordelijke_organisatie", "identificatie", name="uq_besluit_identificatie"),
    )
    with op.batch_alter_table("besluit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_besluit_besluittype"), ["besluittype"], unique=False)
        batch_op.create_index(batch_op.f("ix_besluit_besluittype_catalogus"), ["besluittype_catalogus"], unique=False)
        batch_op.create_index(batch_op.f("ix_besluit_identificatie"), ["identificatie"], unique=False)
        batch_op.create_index(batch_op.f("ix_besluit_zaak"), ["zaak"], unique=False)

    op.create_table(
        "besluit_identificatie_teller",
        sa.Column("jaar", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("laatste", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("jaar", name=op.f("pk_besluit_identificatie_teller")),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("kanaal", sa.String(length=50), nullable=False),
        sa.Column("hoofd_object", sa.String(length=1000), nullable=False),
        sa.Column("resource", sa.String(length=100), nullable=False),
        sa.Column("actie", sa.String(length=20), nullable=False),
        sa.Column("message", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("uuid", name=op.f("uq_outbox_uuid")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_created_at", ["created_at"], unique=False)

    op.create_table(
        "besluitinformatieobject",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("besluit_id", sa.Integer(), nullable=False),
        sa.Column("informatieobject", sa.String(length=1000), nullable=False),
        sa.Column("aard_relatie", sa.String(length=20), nullable=False),
        sa.Column("registratiedatum", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["besluit_id"], ["besluit.id"], name=op.f("fk_besluitinformatieobject_besluit_id_besluit"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_besluitinformatieobject")),
        sa.UniqueConstraint("besluit_id", "informatieobject", name="uq_besluitinformatieobject_informatieobject"),
        sa.UniqueConstraint("uuid", name=op.f("uq_besluitinformatieobject_uuid")),
    )
    with op.batch_alter_table("besluitinformatieobject", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_besluitinformatieobject_besluit_id"), ["besluit_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_besluitinformatieobject_informatieobject"), ["informatieobject"], unique=False)

    op.create_table(
        "outbox_delivery",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("outbox_id", sa.Integer(), nullable=False),
        sa.Column("target", sa.String(length=100), nullable=False),
        sa.Column("hoofd_object", sa.String(length=1000), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["outbox_id"], ["outbox.id"], name=op.f("fk_outbox_delivery_outbox_id_outbox"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_delivery")),
    )
    with op.batch_alter_table("outbox_delivery", schema=None) as batch_op:
        batch_op.create_index(
            "ix_outbox_delivery_due",
            ["target", "next_attempt_at", "id"],
            unique=False,
            postgresql_where=sa.text("delivered_at IS NULL"),
            sqlite_where=sa.text("delivered_at IS NULL"),
        )
        batch_op.create_index(
            "ix_outbox_delivery_order",
            ["target", "hoofd_object", "id"],
            unique=False,
            postgresql_where=sa.text("delivered_at IS NULL"),
            sqlite_where=sa.text("delivered_at IS NULL"),
        )
        batch_op.create_index(batch_op.f("ix_outbox_delivery_outbox_id"), ["outbox_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("outbox_delivery", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_delivery_outbox_id"))
        batch_op.drop_index(
            "ix_outbox_delivery_order", postgresql_where=sa.text("delivered_at IS NULL"), sqlite_where=sa.text("delivered_at IS NULL")
        )
        batch_op.drop_index(
            "ix_outbox_delivery_due", postgresql_where=sa.text("delivered_at IS NULL"), sqlite_where=sa.text("delivered_at IS NULL")
        )

    op.drop_table("outbox_delivery")
    with op.batch_alter_table("besluitinformatieobject", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_besluitinformatieobject_informatieobject"))
        batch_op.drop_index(batch_op.f("ix_besluitinformatieobject_besluit_id"))

    op.drop_table("besluitinformatieobject")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_created_at")

    op.drop_table("outbox")
    op.drop_table("besluit_identificatie_teller")
    with op.batch_alter_table("besluit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_besluit_zaak"))
        batch_op.drop_index(batch_op.f("ix_besluit_identificatie"))
        batch_op.drop_index(batch_op.f("ix_besluit_besluittype_catalogus"))
        batch_op.drop_index(batch_op.f("ix_besluit_besluittype"))

    op.drop_table("besluit")
    with op.batch_alter_table("audittrail", schema=None) as batch_op:
        batch_op.drop_index("ix_audittrail_hoofd_object_path")

    op.drop_table("audittrail")
