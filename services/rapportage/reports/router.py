"""The reports over HTTP: JSON by default, CSV with `formaat=csv`, a workbook with `formaat=xlsx`."""

import datetime as dt
import uuid as uuid_module
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from services.rapportage.access import require_lezen
from services.rapportage.reports import schemas
from services.rapportage.reports.export import file_response
from services.rapportage.reports.maandrapport import parse_maand
from services.rapportage.reports.service import Filters, Reports
from services.rapportage.reports.xlsx_export import MEDIA_TYPE as XLSX
from shared.api_model import split_commas
from shared.auth import Principal
from shared.db import SessionDep
from shared.http import json_response
from shared.pagination import envelope, page_from
from shared.query import query_model
from shared.resources import Absent, ensure_known_parameters, paginated_model_of

router = APIRouter()
Reader = Annotated[Principal, Depends(require_lezen)]
if TYPE_CHECKING:  # query_model builds the annotation at run time; the value is the model
    Params = schemas.ReportFilters
    MaandParams = schemas.MaandrapportFilters
else:
    Params = query_model(schemas.ReportFilters)
    MaandParams = query_model(schemas.MaandrapportFilters)
TAG = "rapporten"
CSV: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"text/csv": {"schema": {"type": "string"}}, XLSX: {"schema": {"type": "string", "format": "binary"}}},
        "description": "Het rapport (JSON, CSV met `formaat=csv` of een Excel-werkmap met `formaat=xlsx`).",
    }
}


def reports_for(request: Request, session: Session) -> Reports:
    return Reports(session, request.app.state.settings, request.app.state.today())


def filters_of(params: schemas.ReportFilters) -> Filters:
    return Filters(van=params.van, tot=params.tot, zaaktype=split_commas(params.zaaktype), team=split_commas(params.team)).check()


def respond(request: Request, name: str, data: dict, formaat: str, filename: str | None = None) -> Response:
    if formaat == "json":
        return json_response(data)
    return file_response(name, data, formaat, request.app.state.settings.tijdzone, filename)


@dataclass(frozen=True)
class Option:
    """A query parameter of one report besides the filters, passed to its `build` after them."""

    name: str
    type: Any
    description: str
    default: Any = None


def _report(path: str, operation_id: str, model, summary: str, build: Callable[..., dict], option: Option | None = None) -> None:
    name = path.strip("/")
    known = (option.name,) if option else ()
    OptionParam: Any = Annotated[option.type, Query(alias=option.name, description=option.description)] if option else Absent

    @router.get(path, operation_id=operation_id, summary=summary, tags=[TAG], response_model=model, responses=CSV)
    def endpoint(
        request: Request,
        session: SessionDep,
        principal: Reader,
        params: Params,
        value: OptionParam = option.default if option else None,
    ) -> Response:
        ensure_known_parameters(request, schemas.ReportFilters, *known)
        arguments = (value,) if option else ()
        return respond(request, name, build(reports_for(request, session), filters_of(params), *arguments), params.formaat)


_report(
    "/kerncijfers",
    "kerncijfers_retrieve",
    schemas.Kerncijfers,
    "De kerncijfers: zaken, open, afgesloten, statussen, events.",
    Reports.kerncijfers,
)
_report(
    "/werkvoorraad-trend",
    "werkvoorraadtrend_retrieve",
    schemas.WerkvoorraadTrend,
    "De werkvoorraad aan het eind van elke maand.",
    Reports.werkvoorraad_trend,
)
_report(
    "/doorlooptijden",
    "doorlooptijden_retrieve",
    schemas.Doorlooptijden,
    "Doorlooptijd per zaaktype (mediaan, p90; bruto en netto van opschorting) tegen servicenorm en doorlooptijd; te laat en bijna te laat.",
    Reports.doorlooptijden,
)
_report(
    "/doorlooptijd-trend",
    "doorlooptijdtrend_retrieve",
    schemas.DoorlooptijdTrend,
    "De mediane doorlooptijd per maand.",
    Reports.doorlooptijd_trend,
)
_report(
    "/statusduur",
    "statusduur_retrieve",
    schemas.Statusduur,
    "Tijd in elke status per zaaktype, tegen de doorlooptijd van het statustype.",
    Reports.statusduur,
)
_report(
    "/gebruik",
    "gebruik_retrieve",
    schemas.Gebruik,
    "Per team per maand: zaken gestart, statussen gezet, zaken afgesloten.",
    Reports.gebruik,
)
_report(
    "/kampioen",
    "kampioen_retrieve",
    schemas.Kampioen,
    "De Zaakgericht Werken Kampioen per maand, met de regel die hem kiest.",
    Reports.kampioen,
)
_report("/mijlpalen", "mijlpalen_retrieve", schemas.Mijlpalen, "De gevierde mijlpalen, nieuwste eerst.", Reports.mijlpalen)


_report(
    "/instroom-uitstroom",
    "instroomuitstroom_retrieve",
    schemas.InstroomUitstroom,
    "Instroom (gestarte zaken) en uitstroom (afgesloten zaken) per week of maand.",
    Reports.instroom_uitstroom,
    Option("interval", Literal["week", "month"], "`week` (ISO-weken) of `month`.", "month"),
)
_report(
    "/werkvoorraad",
    "werkvoorraad_retrieve",
    schemas.Werkvoorraad,
    "De werkvoorraad (open zaken) op een datum, naar leeftijd en zaaktype.",
    Reports.werkvoorraad,
    Option("datum", dt.date | None, "De peildatum (standaard vandaag): open aan het eind van die dag."),
)


_report(
    "/signaleringen",
    "signaleringen_retrieve",
    schemas.Signaleringen,
    "Signaleringen per zaaktype en team: waar zaakgericht werken niet of niet goed wordt toegepast, en de termijnen.",
    Reports.signaleringen,
)


_report(
    "/medewerkers",
    "medewerkers_retrieve",
    schemas.Medewerkers,
    "Per team, per medewerker (alleen de identificatie): zaken in behandeling, statussen gezet, naregistraties. "
    "Alleen met RAPPORTAGE_PER_MEDEWERKER=true (een privacykeuze van de gemeente); anders 404.",
    Reports.medewerkers,
)


@router.get(
    "/maandrapport",
    operation_id="maandrapport_retrieve",
    summary="Het maandrapport voor het managementoverleg: de kerncijfers tegen de vorige maand, de doorlooptijd tegen de norm, "
    "de werkvoorraad, de signaleringen, de kampioen en de mijlpalen van één maand; voor alle teams en per team.",
    tags=[TAG],
    response_model=schemas.Maandrapport,
    responses=CSV,
)
def maandrapport(request: Request, session: SessionDep, principal: Reader, params: MaandParams) -> Response:
    ensure_known_parameters(request, schemas.MaandrapportFilters)
    reports = reports_for(request, session)
    maand = parse_maand(params.maand, reports.today)
    filters = Filters(zaaktype=split_commas(params.zaaktype), team=split_commas(params.team))
    return respond(request, "maandrapport", reports.maandrapport(maand, filters), params.formaat, f"maandrapport-{maand:%Y-%m}")


@router.get(
    "/signaleringen/{code}",
    operation_id="signalering_zaken_list",
    summary="De zaken achter één signalering (gepagineerd), met dezelfde filters.",
    tags=[TAG],
    response_model=paginated_model_of(schemas.SignaleringZaak, "PaginatedSignaleringZaakList"),
    responses=CSV,
)
def signalering_zaken(
    request: Request,
    session: SessionDep,
    principal: Reader,
    params: Params,
    code: str,
    page: Annotated[int | None, Query(description="Een pagina binnen de gepagineerde set resultaten.")] = None,
) -> Response:
    ensure_known_parameters(request, schemas.ReportFilters, "page")
    number = page_from(page)
    count, results = reports_for(request, session).signalering_zaken(code, filters_of(params), number)
    return respond(request, "signalering-zaken", envelope(request, count=count, page=number, results=results), params.formaat)


@router.get(
    "/zaken/{uuid}/tijdlijn",
    operation_id="zaak_tijdlijn",
    summary="De statustijdlijn van één zaak voor een portaal: statussen waarvan het statustype `informeren` heeft, met de statustekst.",
    tags=["zaken"],
    response_model=schemas.Tijdlijn,
)
def tijdlijn(request: Request, session: SessionDep, principal: Reader, uuid: uuid_module.UUID) -> Response:
    return json_response(reports_for(request, session).tijdlijn(str(uuid)))


@router.get(
    "/zaaktypen",
    operation_id="zaaktype_list",
    summary="De zaaktypen in de rapportage (voor filters).",
    tags=["filters"],
    response_model=list[schemas.ZaaktypeRef],
)
def zaaktypen(request: Request, session: SessionDep, principal: Reader) -> Response:
    return json_response(reports_for(request, session).zaaktypen_lijst())


@router.get(
    "/teams",
    operation_id="team_list",
    summary="De teams in de rapportage (voor filters).",
    tags=["filters"],
    response_model=list[schemas.TeamRef],
)
def teams(request: Request, session: SessionDep, principal: Reader) -> Response:
    return json_response(reports_for(request, session).teams_lijst())
