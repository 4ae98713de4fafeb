import datetime as dt
from typing import Literal

from pydantic import Field

from services.documenten.shapes import DocumentChild, DocumentChildRequest, InformatieObjectFilter, expand_parameter
from shared.api_model import ApiModel
from shared.fields import Uri

AardRelatie = Literal["afzender", "geadresseerde"]
PostadresType = Literal["antwoordnummer", "postbusnummer"]

_BETROKKENE = "URL-referentie naar de betrokkene waarvan het informatieobject is ontvangen of waaraan dit is verzonden."
_INFORMATIEOBJECT = "URL-referentie naar het informatieobject dat is ontvangen of verzonden."
_AARD_RELATIE = "Omschrijving van de aard van de relatie van de BETROKKENE tot het INFORMATIEOBJECT."
_TOELICHTING = "Verduidelijking van de afzender- of geadresseerde-relatie."
_ONTVANGSTDATUM = (
    "De datum waarop het INFORMATIEOBJECT ontvangen is. Verplicht te registreren voor INFORMATIEOBJECTen die van buiten de "
    "zaakbehandelende organisatie(s) ontvangen zijn. Verplicht gevuld wanneer aardRelatie de waarde 'afzender' heeft."
)
_VERZENDDATUM = (
    "De datum waarop het INFORMATIEOBJECT verzonden is, zoals deze op het INFORMATIEOBJECT vermeld is. Verplicht gevuld "
    "wanneer aardRelatie de waarde 'geadresseerde' heeft."
)
_CONTACTPERSOON = (
    "URL-referentie naar de persoon die als aanspreekpunt fungeert voor de BETROKKENE inzake het ontvangen of verzonden INFORMATIEOBJECT."
)
_CONTACTPERSOONNAAM = (
    "De opgemaakte naam van de persoon die als aanspreekpunt fungeert voorde BETROKKENE inzake het ontvangen of verzonden INFORMATIEOBJECT."
)
_BINNENLANDS = (
    "Het correspondentieadres, betreffende een adresseerbaar object, van de BETROKKENE, zijnde afzender of geadresseerde, zoals "
    "vermeld in het ontvangen of verzonden INFORMATIEOBJECT indien dat afwijkt van het reguliere binnenlandse correspondentieadres "
    "van BETROKKENE."
)
_BUITENLANDS = (
    "De gegevens van het adres in het buitenland van BETROKKENE, zijnde afzender of geadresseerde, zoals vermeld in het ontvangen of "
    "verzonden INFORMATIEOBJECT en dat afwijkt van de reguliere correspondentiegegevens van BETROKKENE."
)
_POSTADRES = (
    "De gegevens die tezamen een postbusadres of antwoordnummeradres vormen van BETROKKENE, zijnde afzender of geadresseerde, zoals "
    "vermeld in het ontvangen of verzonden INFORMATIEOBJECT en dat afwijkt van de reguliere correspondentiegegevens van BETROKKENE."
)
_FAXNUMMER = "faxnummer van de ontvanger of afzender."
_EMAILADRES = "emailadres van de ontvanger of afzender."
_MIJN_OVERHEID = "is het informatieobject verzonden via mijnOverheid naar de ontvanger."
_TELEFOONNUMMER = "telefoonnummer van de ontvanger of afzender."


# the address groups: one shape for request and response (the response shows what was sent)
class BinnenlandsCorrespondentieadresVerzending(ApiModel):
    huisletter: str = Field("", max_length=1, description="Toevoeging aan een huisnummer in de vorm van een alfanumeriek teken.")
    huisnummer: int = Field(ge=1, le=99999, description="Een door of namens het bevoegd gemeentelijk orgaan toegekende nummering.")
    huisnummerToevoeging: str = Field("", max_length=4, description="Nadere toevoeging aan een huisnummer of huisnummer en huisletter.")
    naamOpenbareRuimte: str = Field(min_length=1, max_length=80, description="De benaming van de GEMEENTELIJKE OPENBARE RUIMTE.")
    postcode: str = Field("", max_length=6, description="De postcode bij woonplaats, openbare ruimte en huisnummer.")
    woonplaatsnaam: str = Field(min_length=1, max_length=80, description="De benaming van de WOONPLAATS.")


class BuitenlandsCorrespondentieadresVerzending(ApiModel):
    adresBuitenland1: str = Field(min_length=1, max_length=35, description="Het eerste deel van het adres in het buitenland.")
    adresBuitenland2: str = Field("", max_length=35, description="Het tweede deel van het adres in het buitenland.")
    adresBuitenland3: str = Field("", max_length=35, description="Het derde deel van het adres in het buitenland.")
    landPostadres: Uri = Field(min_length=1, max_length=200, description="Het LAND dat deel uitmaakt van het buitenlandse adres.")


class BuitenlandsCorrespondentiepostadresVerzending(ApiModel):
    postBusOfAntwoordnummer: int = Field(ge=1, le=9999, description="Het nummer van de postbus of het antwoordnummer.")
    postadresPostcode: str = Field(min_length=1, max_length=6, description="De postcode van het postbus- of antwoordnummeradres.")
    postadresType: PostadresType = Field(description="Aanduiding van het soort postadres.")
    woonplaatsnaam: str = Field(min_length=1, max_length=80, description="De benaming van de WOONPLAATS.")


class VerzendingRequest(DocumentChildRequest):
    betrokkene: Uri = Field(min_length=1, max_length=200, description=_BETROKKENE)
    informatieobject: Uri = Field(description=_INFORMATIEOBJECT)
    aardRelatie: AardRelatie = Field(description=_AARD_RELATIE)
    toelichting: str = Field("", max_length=200, description=_TOELICHTING)
    ontvangstdatum: dt.date | None = Field(None, description=_ONTVANGSTDATUM)
    verzenddatum: dt.date | None = Field(None, description=_VERZENDDATUM)
    contactPersoon: Uri = Field(min_length=1, max_length=1000, description=_CONTACTPERSOON)
    contactpersoonnaam: str = Field("", max_length=40, description=_CONTACTPERSOONNAAM)
    binnenlandsCorrespondentieadres: BinnenlandsCorrespondentieadresVerzending | None = Field(None, description=_BINNENLANDS)
    buitenlandsCorrespondentieadres: BuitenlandsCorrespondentieadresVerzending | None = Field(None, description=_BUITENLANDS)
    correspondentiePostadres: BuitenlandsCorrespondentiepostadresVerzending | None = Field(None, description=_POSTADRES)
    faxnummer: str | None = Field(None, max_length=15, description=_FAXNUMMER)
    emailadres: str | None = Field(None, max_length=100, description=_EMAILADRES)
    mijnOverheid: bool = Field(False, description=_MIJN_OVERHEID)
    telefoonnummer: str | None = Field(None, max_length=15, description=_TELEFOONNUMMER)


class Verzending(DocumentChild):
    betrokkene: str = Field(max_length=200, description=_BETROKKENE, json_schema_extra={"format": "uri"})
    informatieobject: str = Field(description=_INFORMATIEOBJECT, json_schema_extra={"format": "uri"})
    aardRelatie: AardRelatie = Field(description=_AARD_RELATIE)
    toelichting: str = Field(max_length=200, description=_TOELICHTING)
    ontvangstdatum: dt.date | None = Field(description=_ONTVANGSTDATUM)
    verzenddatum: dt.date | None = Field(description=_VERZENDDATUM)
    contactPersoon: str = Field(max_length=1000, description=_CONTACTPERSOON, json_schema_extra={"format": "uri"})
    contactpersoonnaam: str = Field(max_length=40, description=_CONTACTPERSOONNAAM)
    binnenlandsCorrespondentieadres: BinnenlandsCorrespondentieadresVerzending | None = Field(description=_BINNENLANDS)
    buitenlandsCorrespondentieadres: BuitenlandsCorrespondentieadresVerzending | None = Field(description=_BUITENLANDS)
    correspondentiePostadres: BuitenlandsCorrespondentiepostadresVerzending | None = Field(description=_POSTADRES)
    faxnummer: str | None = Field(max_length=15, description=_FAXNUMMER)
    emailadres: str | None = Field(max_length=100, description=_EMAILADRES)
    mijnOverheid: bool = Field(description=_MIJN_OVERHEID)
    telefoonnummer: str | None = Field(max_length=15, description=_TELEFOONNUMMER)


class VerzendingFilters(InformatieObjectFilter):
    aardRelatie: AardRelatie | None = Field(None, description=_AARD_RELATIE)
    informatieobject: Uri | None = Field(None, description=_INFORMATIEOBJECT)
    betrokkene: Uri | None = Field(None, description=_BETROKKENE)
    expand: str | None = expand_parameter()
