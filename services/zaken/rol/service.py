"""Rollen: a betrokkene (natuurlijk persoon, medewerker, ...) in a roltype of the zaak's zaaktype
(zrc-018). betrokkeneIdentificatie is polymorphic on betrokkeneType; its identifying values are
copied into columns for the rol and zaak list filters. No update in 1.5.1: create and delete only."""

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from services.zaken.access import ensure_open_or_forced
from services.zaken.betrokkenen import BETROKKENE_SHAPES, validate_shape
from services.zaken.catalogi import catalogi
from services.zaken.common import ZaakChildService
from services.zaken.rol.models import IDENTIFICATIE_FILTERS, SINGLE_OCCURRENCE, Rol
from services.zaken.rol.schemas import RolRequest
from services.zaken.status.models import Status
from services.zaken.zaak.models import Zaak
from shared import utc
from shared.errors import ValidationProblem
from shared.resources import Context

# betrokkeneType -> {field of its betrokkeneIdentificatie: the Rol column that copies it}
IDENTIFICATIE_COLUMNS: dict[str, dict[str, str]] = {
    "natuurlijk_persoon": {"inpBsn": "inp_bsn", "anpIdentificatie": "anp_identificatie", "inpA_nummer": "inp_a_nummer"},
    "niet_natuurlijk_persoon": {"innNnpId": "inn_nnp_id", "annIdentificatie": "ann_identificatie"},
    "vestiging": {"vestigingsNummer": "vestigings_nummer"},
    "organisatorische_eenheid": {"identificatie": "organisatorische_eenheid_identificatie"},
    "medewerker": {"identificatie": "medewerker_identificatie"},
}
ALL_IDENTIFICATIE_COLUMNS = sorted({column for columns in IDENTIFICATIE_COLUMNS.values() for column in columns.values()})


# omschrijvingGeneriek values of which a zaak has at most one rol


class RolService(ZaakChildService):
    model = Rol
    collection = "rollen"
    resource = "rol"
    notify_actions = frozenset({"create", "destroy"})
    equal_filters = {
        "betrokkene": Rol.betrokkene,
        "betrokkeneType": Rol.betrokkene_type,
        **IDENTIFICATIE_FILTERS,
        "roltype": Rol.roltype,
        "omschrijving": Rol.omschrijving,
        "omschrijvingGeneriek": Rol.omschrijving_generiek,
    }

    # ------------------------------------------------------------ reads

    def load_page(self, ctx: Context, objects: list) -> dict[int | None, list[str]]:
        """The statussen each rol set (Status.gezetdoor), for the whole page in one query."""
        statussen: dict[int | None, list[str]] = defaultdict(list)
        rows = ctx.session.execute(
            select(Status.gezetdoor_id, Status.uuid).where(Status.gezetdoor_id.in_([rol.id for rol in objects])).order_by(Status.id)
        )
        for rol_id, status_uuid in rows:
            statussen[rol_id].append(ctx.url("statussen", status_uuid))
        return statussen

    def to_json(self, ctx: Context, obj: Rol, page) -> dict:
        return {
            "zaak": ctx.url("zaken", obj.zaak.uuid),
            "betrokkene": obj.betrokkene,
            "betrokkeneType": obj.betrokkene_type,
            "afwijkendeNaamBetrokkene": obj.afwijkende_naam_betrokkene,
            "roltype": obj.roltype,
            "omschrijving": obj.omschrijving,
            "omschrijvingGeneriek": obj.omschrijving_generiek,
            "roltoelichting": obj.roltoelichting,
            "registratiedatum": utc.iso(obj.registratiedatum),
            "indicatieMachtiging": obj.indicatie_machtiging,
            "contactpersoonRol": obj.contactpersoon_rol,
            "statussen": page.get(obj.id, []) if page else [],
            "betrokkeneIdentificatie": obj.betrokkene_identificatie,
        }

    def weergave(self, obj: Rol) -> str:
        return f"({obj.zaak.bronorganisatie} - {obj.zaak.identificatie}) - {obj.omschrijving or obj.uuid}"

    # ------------------------------------------------------------ writes

    def create(self, ctx: Context, data: RolRequest) -> Rol:
        zaak = self.zaak_for_create(ctx, data.zaak)
        identificatie = self.validate_identificatie(data)
        roltype = self.validate_roltype(ctx, zaak, data.roltype)
        self.ensure_betrokkene(data.betrokkene, identificatie)
        self.ensure_single_occurrence(ctx, zaak, roltype.get("omschrijvingGeneriek") or "")
        ensure_open_or_forced(ctx.principal, zaak)  # zrc-007, after validation (400 before 403)
        rol = new_rol(data, roltype, identificatie)
        rol.zaak_id, rol.zaak, rol.registratiedatum = zaak.id, zaak, utc.now()
        try:
            with ctx.session.begin_nested():  # the unique index decides between concurrent creates
                ctx.session.add(rol)
        except IntegrityError:
            self.raise_max_occurrences(rol.omschrijving_generiek, 1)
        self.record(ctx, rol, "create")
        return rol

    # ------------------------------------------------------------ rules

    def validate_identificatie(self, data: RolRequest) -> dict | None:
        """betrokkeneIdentificatie has the shape of the betrokkeneType (Rol discriminator)."""
        raw = data.betrokkeneIdentificatie
        if raw is None or raw == {}:
            return None  # an empty identificatie names no one (`invalid-betrokkene` without betrokkene)
        return validate_shape(BETROKKENE_SHAPES[data.betrokkeneType], raw, "betrokkeneIdentificatie")

    def validate_roltype(self, ctx: Context, zaak: Zaak, roltype: str) -> dict:
        """zrc-018: the roltype belongs to the zaak's zaaktype (omschrijving and
        omschrijvingGeneriek of the rol come from it)."""
        return catalogi(ctx).type_of_zaaktype(roltype, "RolType", "roltype", zaak.zaaktype)

    @staticmethod
    def ensure_betrokkene(betrokkene: str | None, identificatie: dict | None) -> None:
        """A rol names its betrokkene: by URL or by betrokkeneIdentificatie (`invalid-betrokkene`)."""
        if not betrokkene and not identificatie:
            raise ValidationProblem.field(
                "nonFieldErrors", "invalid-betrokkene", "betrokkene of betrokkeneIdentificatie moet opgegeven worden."
            )

    @staticmethod
    def ensure_single_occurrence(ctx: Context, zaak: Zaak, omschrijving_generiek: str) -> None:
        """A zaak has at most one initiator and one zaakcoordinator (`roltype` `max-occurences`,
        as the reference implementation's RolOccurenceValidator)."""
        if omschrijving_generiek not in SINGLE_OCCURRENCE:
            return
        existing = ctx.session.scalar(
            select(func.count(Rol.id)).where(Rol.zaak_id == zaak.id, Rol.omschrijving_generiek == omschrijving_generiek)
        )
        if existing:
            RolService.raise_max_occurrences(omschrijving_generiek, existing)

    @staticmethod
    def raise_max_occurrences(omschrijving_generiek: str, existing: int):
        raise ValidationProblem.field("roltype", "max-occurences", f"Er zijn al {existing} `{omschrijving_generiek}` rollen bij deze zaak.")


def copy_identificatie_columns(rol: Rol, betrokkene_type: str, identificatie: dict | None) -> None:
    """The identifying values of betrokkeneIdentificatie into their filter columns (blank is none)."""
    for column in ALL_IDENTIFICATIE_COLUMNS:
        setattr(rol, column, None)
    if not identificatie:
        return
    for field, column in IDENTIFICATIE_COLUMNS[betrokkene_type].items():
        setattr(rol, column, identificatie.get(field) or None)


def new_rol(data: RolRequest, roltype: dict, identificatie: dict | None) -> Rol:
    """The rol a valid POST /rollen makes, but for its zaak and registratiedatum: the request's
    fields, omschrijving and omschrijvingGeneriek from the roltype, the betrokkeneIdentificatie
    and its filter columns."""
    rol = Rol(
        betrokkene=data.betrokkene or "",
        betrokkene_type=data.betrokkeneType,
        afwijkende_naam_betrokkene=data.afwijkendeNaamBetrokkene,
        roltype=data.roltype,
        omschrijving=roltype.get("omschrijving") or "",
        omschrijving_generiek=roltype.get("omschrijvingGeneriek") or "",
        roltoelichting=data.roltoelichting,
        indicatie_machtiging=data.indicatieMachtiging or "",
        contactpersoon_rol=data.contactpersoonRol.model_dump(mode="json") if data.contactpersoonRol else None,
        betrokkene_identificatie=identificatie,
    )
    copy_identificatie_columns(rol, data.betrokkeneType, identificatie)
    return rol
