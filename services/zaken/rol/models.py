import datetime as dt

from sqlalchemy import JSON, DateTime, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from services.zaken.db import Base
from services.zaken.zaak.models import ZaakChildColumns

# the omschrijvingGeneriek a zaak has at most one rol of (the reference implementation's RolOccurenceValidator)
SINGLE_OCCURRENCE = ("initiator", "zaakcoordinator")
SINGLE_OCCURRENCE_WHERE = "omschrijving_generiek IN ('initiator', 'zaakcoordinator')"


class Rol(ZaakChildColumns, Base):
    __tablename__ = "rol"
    __table_args__ = (
        Index("ix_rol_zaak_id", "zaak_id"),
        # at most one initiator and one zaakcoordinator per zaak, also under concurrent creates
        Index(
            "uq_rol_zaak_single_occurrence",
            "zaak_id",
            "omschrijving_generiek",
            unique=True,
            postgresql_where=text(SINGLE_OCCURRENCE_WHERE),
            sqlite_where=text(SINGLE_OCCURRENCE_WHERE),
        ),
        Index("ix_rol_roltype", "roltype"),
        Index("ix_rol_betrokkene", "betrokkene"),
        # the citizen's question "my zaken": rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn
        Index("ix_rol_inp_bsn", "inp_bsn"),
        Index("ix_rol_medewerker_identificatie", "medewerker_identificatie"),
        Index("ix_rol_organisatorische_eenheid_identificatie", "organisatorische_eenheid_identificatie"),
        Index("ix_rol_inn_nnp_id", "inn_nnp_id"),
        Index("ix_rol_vestigings_nummer", "vestigings_nummer"),
    )

    betrokkene: Mapped[str] = mapped_column(String(1000), default="")
    betrokkene_type: Mapped[str] = mapped_column(String(30))
    afwijkende_naam_betrokkene: Mapped[str] = mapped_column(String(625), default="")
    roltype: Mapped[str] = mapped_column(String(1000))
    omschrijving: Mapped[str] = mapped_column(String(100), default="")
    omschrijving_generiek: Mapped[str] = mapped_column(String(80), default="")
    roltoelichting: Mapped[str] = mapped_column(String(1000), default="")
    registratiedatum: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    indicatie_machtiging: Mapped[str] = mapped_column(String(20), default="")
    contactpersoon_rol: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    # the betrokkeneIdentificatie object of the betrokkeneType, as given
    betrokkene_identificatie: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    # the identifying values of betrokkeneIdentificatie the zaak list filters on (copied on write)
    inp_bsn: Mapped[str | None] = mapped_column(String(9), nullable=True)
    anp_identificatie: Mapped[str | None] = mapped_column(String(17), nullable=True)
    inp_a_nummer: Mapped[str | None] = mapped_column(String(10), nullable=True)
    inn_nnp_id: Mapped[str | None] = mapped_column(String(9), nullable=True)
    ann_identificatie: Mapped[str | None] = mapped_column(String(17), nullable=True)
    vestigings_nummer: Mapped[str | None] = mapped_column(String(24), nullable=True)
    medewerker_identificatie: Mapped[str | None] = mapped_column(String(24), nullable=True)
    organisatorische_eenheid_identificatie: Mapped[str | None] = mapped_column(String(24), nullable=True)


# the list filter betrokkeneIdentificatie__<type>__<field> -> the column holding that value
IDENTIFICATIE_FILTERS = {
    "betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": Rol.inp_bsn,
    "betrokkeneIdentificatie__natuurlijkPersoon__anpIdentificatie": Rol.anp_identificatie,
    "betrokkeneIdentificatie__natuurlijkPersoon__inpA_nummer": Rol.inp_a_nummer,
    "betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId": Rol.inn_nnp_id,
    "betrokkeneIdentificatie__nietNatuurlijkPersoon__annIdentificatie": Rol.ann_identificatie,
    "betrokkeneIdentificatie__vestiging__vestigingsNummer": Rol.vestigings_nummer,
    "betrokkeneIdentificatie__organisatorischeEenheid__identificatie": Rol.organisatorische_eenheid_identificatie,
    "betrokkeneIdentificatie__medewerker__identificatie": Rol.medewerker_identificatie,
}
