"""zaak_telling: the number of zaken per zaaktype, catalogus and vertrouwelijkheid, kept by triggers

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 18:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

KEY = "zaaktype, zaaktype_catalogus, vertrouwelijkheid_rank"


def _add(row: str) -> str:
    return (
        f"INSERT INTO zaak_telling ({KEY}, aantal) VALUES ({row}.zaaktype, COALESCE({row}.zaaktype_catalogus, ''), {row}.vertrouwelijkheid_rank, 1) "
        f"ON CONFLICT ({KEY}) DO UPDATE SET aantal = zaak_telling.aantal + 1;"
    )


def _remove(row: str) -> str:
    # an UPDATE, not an upsert: a row that is gone (emptied with the table) stays gone
    return (
        f"UPDATE zaak_telling SET aantal = aantal - 1 WHERE zaaktype = {row}.zaaktype "
        f"AND zaaktype_catalogus = COALESCE({row}.zaaktype_catalogus, '') AND vertrouwelijkheid_rank = {row}.vertrouwelijkheid_rank;"
    )


def _changed(differs: str) -> str:
    """One of the counted columns changed (`differs`: PostgreSQL's IS DISTINCT FROM, SQLite's IS NOT)."""
    return " OR ".join(f"OLD.{c} {differs} NEW.{c}" for c in ("zaaktype", "zaaktype_catalogus", "vertrouwelijkheid_rank"))


def upgrade() -> None:
    op.create_table(
        "zaak_telling",
        sa.Column("zaaktype", sa.String(length=1000), nullable=False),
        sa.Column("zaaktype_catalogus", sa.String(length=1000), nullable=False),
        sa.Column("vertrouwelijkheid_rank", sa.SmallInteger(), autoincrement=False, nullable=False),
        sa.Column("aantal", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("zaaktype", "zaaktype_catalogus", "vertrouwelijkheid_rank", name=op.f("pk_zaak_telling")),
    )
    op.execute(
        f"INSERT INTO zaak_telling ({KEY}, aantal) "
        "SELECT zaaktype, COALESCE(zaaktype_catalogus, ''), vertrouwelijkheid_rank, count(*) FROM zaak "
        "GROUP BY zaaktype, COALESCE(zaaktype_catalogus, ''), vertrouwelijkheid_rank"
    )
    if op.get_bind().dialect.name == "postgresql":
        # a hundred-odd rows, each updated by every create: room on the page for the new version
        # (an in-page update) and a vacuum after every 1,000 dead versions, so the table stays a
        # few pages instead of growing with every create (a sequential scan reads them all)
        op.execute(
            "ALTER TABLE zaak_telling SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0, "
            "autovacuum_vacuum_threshold = 1000, autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 1000)"
        )
        op.execute(
            f"""CREATE FUNCTION zaak_telling_bijwerken() RETURNS trigger AS $$
            BEGIN
                IF TG_OP IN ('DELETE', 'UPDATE') THEN {_remove("OLD")} END IF;
                IF TG_OP IN ('INSERT', 'UPDATE') THEN {_add("NEW")} END IF;
                RETURN NULL;
            END $$ LANGUAGE plpgsql"""
        )
        op.execute(
            "CREATE TRIGGER zaak_telling_insert_delete AFTER INSERT OR DELETE ON zaak FOR EACH ROW EXECUTE FUNCTION zaak_telling_bijwerken()"
        )
        op.execute(
            "CREATE TRIGGER zaak_telling_update AFTER UPDATE OF zaaktype, zaaktype_catalogus, vertrouwelijkheid_rank ON zaak "
            f"FOR EACH ROW WHEN ({_changed('IS DISTINCT FROM')}) EXECUTE FUNCTION zaak_telling_bijwerken()"
        )
    else:
        op.execute(f"CREATE TRIGGER zaak_telling_insert AFTER INSERT ON zaak BEGIN {_add('NEW')} END")
        op.execute(f"CREATE TRIGGER zaak_telling_delete AFTER DELETE ON zaak BEGIN {_remove('OLD')} END")
        op.execute(
            f"CREATE TRIGGER zaak_telling_update AFTER UPDATE OF zaaktype, zaaktype_catalogus, vertrouwelijkheid_rank ON zaak "
            f"WHEN {_changed('IS NOT')} BEGIN {_remove('OLD')} {_add('NEW')} END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER zaak_telling_update ON zaak")
        op.execute("DROP TRIGGER zaak_telling_insert_delete ON zaak")
        op.execute("DROP FUNCTION zaak_telling_bijwerken()")
    else:
        for name in ("zaak_telling_insert", "zaak_telling_delete", "zaak_telling_update"):
            op.execute(f"DROP TRIGGER {name}")
    op.drop_table("zaak_telling")
