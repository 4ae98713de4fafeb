"""The initial Documenten schema: informatieobjecten and their versions, bestandsdelen,
gebruiksrechten, objectinformatieobjecten, verzendingen, the outbox and the audit trail

Revision ID: 0001
Revises:
Create Date: 2026-12-07 05:51:51.984689
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "informatieobject_identificatie_teller",
        sa.Column("jaar", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("laatste", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("jaar", name=op.f("pk_informatieobject_identificatie_teller")),
    )
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
        "informatieobject",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.Column("lock", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_informatieobject")),
        sa.UniqueConstraint("uuid", name=op.f("uq_informatieobject_uuid")),
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
        "bestandsdeel",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("informatieobject_id", sa.Integer(), nullable=False),
        sa.Column("volgnummer", sa.Integer(), nullable=False),
        sa.Column("omvang", sa.BigInteger(), nullable=False),
        sa.Column("inhoud", sa.String(length=255), nullable=True),
        sa.ForeignKeyConstraint(
            ["informatieobject_id"],
            ["informatieobject.id"],
            name=op.f("fk_bestandsdeel_informatieobject_id_informatieobject"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bestandsdeel")),
        sa.UniqueConstraint("informatieobject_id", "volgnummer", name="uq_bestandsdeel_volgnummer"),
        sa.UniqueConstraint("uuid", name=op.f("uq_bestandsdeel_uuid")),
    )
    with op.batch_alter_table("bestandsdeel", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bestandsdeel_informatieobject_id"), ["informatieobject_id"], unique=False)

    op.create_table(
        "gebruiksrechten",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("informatieobject_id", sa.Integer(), nullable=False),
        sa.Column("startdatum", sa.DateTime(timezone=True), nullable=False),
        sa.Column("einddatum", sa.DateTime(timezone=True), nullable=True),
        sa.Column("omschrijving_voorwaarden", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["informatieobject_id"],
            ["informatieobject.id"],
            name=op.f("fk_gebruiksrechten_informatieobject_id_informatieobject"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gebruiksrechten")),
        sa.UniqueConstraint("uuid", name=op.f("uq_gebruiksrechten_uuid")),
    )
    with op.batch_alter_table("gebruiksrechten", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_gebruiksrechten_einddatum"), ["einddatum"], unique=False)
        batch_op.create_index(batch_op.f("ix_gebruiksrechten_informatieobject_id"), ["informatieobject_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_gebruiksrechten_startdatum"), ["startdatum"], unique=False)

    op.create_table(
        "informatieobjectversie",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("informatieobject_id", sa.Integer(), nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.Column("begin_registratie", sa.DateTime(timezone=True), nullable=False),
        sa.Column("identificatie", sa.String(length=40), nullable=False),
        sa.Column("bronorganisatie", sa.String(length=9), nullable=False),
        sa.Column("creatiedatum", sa.Date(), nullable=False),
        sa.Column("titel", sa.String(length=200), nullable=False),
        sa.Column("vertrouwelijkheidaanduiding", sa.String(length=20), nullable=False),
        sa.Column("vertrouwelijkheid_rank", sa.SmallInteger(), nullable=False),
        sa.Column("auteur", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("inhoud_is_vervallen", sa.Boolean(), nullable=True),
        sa.Column("formaat", sa.String(length=255), nullable=False),
        sa.Column("taal", sa.String(length=3), nullable=False),
        sa.Column("bestandsnaam", sa.String(length=255), nullable=False),
        sa.Column("inhoud", sa.String(length=255), nullable=True),
        sa.Column("bestandsomvang", sa.BigInteger(), nullable=True),
        sa.Column("link", sa.String(length=200), nullable=False),
        sa.Column("beschrijving", sa.String(length=1000), nullable=False),
        sa.Column("ontvangstdatum", sa.Date(), nullable=True),
        sa.Column("verzenddatum", sa.Date(), nullable=True),
        sa.Column("indicatie_gebruiksrecht", sa.Boolean(), nullable=True),
        sa.Column("verschijningsvorm", sa.String(length=255), nullable=False),
        sa.Column("ondertekening", sa.JSON(), nullable=True),
        sa.Column("integriteit", sa.JSON(), nullable=True),
        sa.Column("informatieobjecttype", sa.String(length=1000), nullable=False),
        sa.Column("informatieobjecttype_catalogus", sa.String(length=1000), nullable=True),
        sa.Column("trefwoorden", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["informatieobject_id"],
            ["informatieobject.id"],
            name=op.f("fk_informatieobjectversie_informatieobject_id_informatieobject"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_informatieobjectversie")),
        sa.UniqueConstraint("informatieobject_id", "versie", name="uq_informatieobjectversie_versie"),
    )
    with op.batch_alter_table("informatieobjectversie", schema=None) as batch_op:
        batch_op.create_index("ix_informatieobjectversie_bronorganisatie_identificatie", ["bronorganisatie", "identificatie"], unique=False)
        batch_op.create_index(
            "ix_informatieobjectversie_catalogus_rank", ["informatieobjecttype_catalogus", "vertrouwelijkheid_rank"], unique=False
        )
        batch_op.create_index("ix_informatieobjectversie_identificatie", ["identificatie"], unique=False)
        batch_op.create_index("ix_informatieobjectversie_type_rank", ["informatieobjecttype", "vertrouwelijkheid_rank"], unique=False)

    op.create_table(
        "objectinformatieobject",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("informatieobject_id", sa.Integer(), nullable=False),
        sa.Column("object", sa.String(length=1000), nullable=False),
        sa.Column("object_type", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["informatieobject_id"],
            ["informatieobject.id"],
            name=op.f("fk_objectinformatieobject_informatieobject_id_informatieobject"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_objectinformatieobject")),
        sa.UniqueConstraint("informatieobject_id", "object", name="uq_objectinformatieobject_object"),
        sa.UniqueConstraint("uuid", name=op.f("uq_objectinformatieobject_uuid")),
    )
    with op.batch_alter_table("objectinformatieobject", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_objectinformatieobject_informatieobject_id"), ["informatieobject_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_objectinformatieobject_object"), ["object"], unique=False)

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

    op.create_table(
        "verzending",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("informatieobject_id", sa.Integer(), nullable=False),
        sa.Column("betrokkene", sa.String(length=200), nullable=False),
        sa.Column("aard_relatie", sa.String(length=20), nullable=False),
        sa.Column("toelichting", sa.String(length=200), nullable=False),
        sa.Column("ontvangstdatum", sa.Date(), nullable=True),
        sa.Column("verzenddatum", sa.Date(), nullable=True),
        sa.Column("contact_persoon", sa.String(length=1000), nullable=False),
        sa.Column("contactpersoonnaam", sa.String(length=40), nullable=False),
        sa.Column("binnenlands_correspondentieadres", sa.JSON(), nullable=True),
        sa.Column("buitenlands_correspondentieadres", sa.JSON(), nullable=True),
        sa.Column("correspondentie_postadres", sa.JSON(), nullable=True),
        sa.Column("faxnummer", sa.String(length=15), nullable=True),
        sa.Column("emailadres", sa.String(length=100), nullable=True),
        sa.Column("mijn_overheid", sa.Boolean(), nullable=False),
        sa.Column("telefoonnummer", sa.String(length=15), nullable=True),
        sa.ForeignKeyConstraint(
            ["informatieobject_id"],
            ["informatieobject.id"],
            name=op.f("fk_verzending_informatieobject_id_informatieobject"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verzending")),
        sa.UniqueConstraint("uuid", name=op.f("uq_verzending_uuid")),
    )
    with op.batch_alter_table("verzending", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_verzending_aard_relatie"), ["aard_relatie"], unique=False)
        batch_op.create_index(batch_op.f("ix_verzending_betrokkene"), ["betrokkene"], unique=False)
        batch_op.create_index(batch_op.f("ix_verzending_informatieobject_id"), ["informatieobject_id"], unique=False)


def downgrade() -> None:
    op.drop_table("informatieobject_identificatie_teller")
    with op.batch_alter_table("verzending", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_verzending_informatieobject_id"))
        batch_op.drop_index(batch_op.f("ix_verzending_betrokkene"))
        batch_op.drop_index(batch_op.f("ix_verzending_aard_relatie"))

    op.drop_table("verzending")
    with op.batch_alter_table("outbox_delivery", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_delivery_outbox_id"))
        batch_op.drop_index(
            "ix_outbox_delivery_order", postgresql_where=sa.text("delivered_at IS NULL"), sqlite_where=sa.text("delivered_at IS NULL")
        )
        batch_op.drop_index(
            "ix_outbox_delivery_due", postgresql_where=sa.text("delivered_at IS NULL"), sqlite_where=sa.text("delivered_at IS NULL")
        )

    op.drop_table("outbox_delivery")
    with op.batch_alter_table("objectinformatieobject", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_objectinformatieobject_object"))
        batch_op.drop_index(batch_op.f("ix_objectinformatieobject_informatieobject_id"))

    op.drop_table("objectinformatieobject")
    with op.batch_alter_table("informatieobjectversie", schema=None) as batch_op:
        batch_op.drop_index("ix_informatieobjectversie_type_rank")
        batch_op.drop_index("ix_informatieobjectversie_identificatie")
        batch_op.drop_index("ix_informatieobjectversie_catalogus_rank")
        batch_op.drop_index("ix_informatieobjectversie_bronorganisatie_identificatie")

    op.drop_table("informatieobjectversie")
    with op.batch_alter_table("gebruiksrechten", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_gebruiksrechten_startdatum"))
        batch_op.drop_index(batch_op.f("ix_gebruiksrechten_informatieobject_id"))
        batch_op.drop_index(batch_op.f("ix_gebruiksrechten_einddatum"))

    op.drop_table("gebruiksrechten")
    with op.batch_alter_table("bestandsdeel", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bestandsdeel_informatieobject_id"))

    op.drop_table("bestandsdeel")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_created_at")

    op.drop_table("outbox")
    op.drop_table("informatieobject")
    with op.batch_alter_table("audittrail", schema=None) as batch_op:
        batch_op.drop_index("ix_audittrail_hoofd_object_path")

    op.drop_table("audittrail")
