"""read-only SQL views for BI tools (Metabase, Superset, Grafana); docs/rapportage.md

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

PLAIN_COUNTS = (
    "'gestart', 'afgesloten', 'status', 'termijn_beoordeeld', 'termijn_op_tijd', 'servicenorm_beoordeeld', 'servicenorm_op_tijd', 'event'"
)

VIEWS = {
    "rapportage_zaken": """
        SELECT z.url AS zaak_url, z.uuid AS zaak_uuid, z.identificatie AS zaak_identificatie, z.bronorganisatie,
               zt.identificatie AS zaaktype_identificatie, zt.omschrijving AS zaaktype_omschrijving, zt.url AS zaaktype_url,
               COALESCE(t.sleutel, '') AS team_sleutel, COALESCE(t.naam, 'Geen team') AS team_naam,
               z.registratiedatum, z.startdatum, z.einddatum,
               CASE WHEN z.einddatum IS NULL THEN 1 ELSE 0 END AS is_open,
               z.einddatum_gepland, z.uiterlijke_einddatum_afdoening, z.verlenging_dagen,
               z.deadline_servicenorm, z.deadline_doorlooptijd,
               z.doorlooptijd_bruto AS doorlooptijd_bruto_dagen, z.doorlooptijd_netto AS doorlooptijd_netto_dagen,
               z.opgeschorte_dagen, z.opgeschort_sinds,
               CASE WHEN z.op_tijd_servicenorm IS NULL THEN NULL WHEN z.op_tijd_servicenorm THEN 1 ELSE 0 END AS op_tijd_servicenorm,
               CASE WHEN z.op_tijd_doorlooptijd IS NULL THEN NULL WHEN z.op_tijd_doorlooptijd THEN 1 ELSE 0 END AS op_tijd_doorlooptijd,
               st.volgnummer AS status_volgnummer, st.omschrijving AS status_omschrijving
        FROM rpt_zaak z
        JOIN rpt_zaaktype zt ON zt.id = z.zaaktype_id
        LEFT JOIN rpt_team t ON t.id = z.team_id
        LEFT JOIN rpt_statustype st ON st.id = z.statustype_id
    """,
    "rapportage_statussen": """
        SELECT s.url AS status_url, z.url AS zaak_url, z.identificatie AS zaak_identificatie,
               zt.identificatie AS zaaktype_identificatie, zt.omschrijving AS zaaktype_omschrijving,
               COALESCE(t.sleutel, '') AS team_sleutel, COALESCE(t.naam, 'Geen team') AS team_naam,
               st.volgnummer AS status_volgnummer, st.omschrijving AS status_omschrijving, s.datum_status_gezet,
               s.duur_seconden, s.duur_seconden / 3600.0 AS duur_uren, st.doorlooptijd AS statustype_doorlooptijd,
               CASE WHEN s.boven_norm IS NULL THEN NULL WHEN s.boven_norm THEN 1 ELSE 0 END AS boven_norm
        FROM rpt_status s
        JOIN rpt_zaak z ON z.id = s.zaak_id
        JOIN rpt_zaaktype zt ON zt.id = z.zaaktype_id
        JOIN rpt_statustype st ON st.id = s.statustype_id
        LEFT JOIN rpt_team t ON t.id = z.team_id
    """,
    "rapportage_opschortingen": """
        SELECT z.url AS zaak_url, z.identificatie AS zaak_identificatie, o.begin, o.eind
        FROM rpt_opschorting o JOIN rpt_zaak z ON z.id = o.zaak_id
    """,
    "rapportage_tellingen_dag": f"""
        SELECT c.soort, c.periode AS dag, COALESCE(zt.identificatie, '') AS zaaktype_identificatie,
               COALESCE(zt.omschrijving, '') AS zaaktype_omschrijving, COALESCE(t.naam, 'Geen team') AS team_naam,
               COALESCE(st.omschrijving, '') AS status_omschrijving, SUM(c.aantal) AS aantal
        FROM rpt_teller c
        LEFT JOIN rpt_zaaktype zt ON zt.id = c.zaaktype_id
        LEFT JOIN rpt_team t ON t.id = c.team_id
        LEFT JOIN rpt_statustype st ON st.id = c.statustype_id
        WHERE c.niveau = 'd' AND c.team_id <> -1 AND c.soort IN ({PLAIN_COUNTS}) AND c.aantal <> 0
        GROUP BY c.soort, c.periode, zt.identificatie, zt.omschrijving, t.naam, st.omschrijving
    """,
    "rapportage_tellingen_maand": f"""
        SELECT c.soort, c.periode AS maand, COALESCE(zt.identificatie, '') AS zaaktype_identificatie,
               COALESCE(zt.omschrijving, '') AS zaaktype_omschrijving, COALESCE(t.naam, 'Geen team') AS team_naam,
               COALESCE(st.omschrijving, '') AS status_omschrijving, SUM(c.aantal) AS aantal
        FROM rpt_teller c
        LEFT JOIN rpt_zaaktype zt ON zt.id = c.zaaktype_id
        LEFT JOIN rpt_team t ON t.id = c.team_id
        LEFT JOIN rpt_statustype st ON st.id = c.statustype_id
        WHERE c.niveau = 'm' AND c.team_id <> -1 AND c.soort IN ({PLAIN_COUNTS}) AND c.aantal <> 0
        GROUP BY c.soort, c.periode, zt.identificatie, zt.omschrijving, t.naam, st.omschrijving
    """,
    "rapportage_mijlpalen": """
        SELECT datum, soort, titel, zaaktype_groep, waarde FROM rpt_mijlpaal
    """,
}


def upgrade() -> None:
    for name, sql in VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {sql.strip()}")


def downgrade() -> None:
    for name in reversed(list(VIEWS)):
        op.execute(f"DROP VIEW IF EXISTS {name}")
