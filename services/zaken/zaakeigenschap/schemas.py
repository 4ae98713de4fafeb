import uuid as uuid_module

from pydantic import Field

from shared.api_model import ApiModel, read_only
from shared.fields import Uri


class ZaakEigenschapRequest(ApiModel):
    zaak: Uri = Field(title="zaak", description="URL-referentie naar de ZAAK (die van het pad).")
    eigenschap: Uri = Field(max_length=1000, description="URL-referentie naar de EIGENSCHAP (in de Catalogi API).")
    waarde: str = Field(title="waarde")


class ZaakEigenschap(ApiModel):
    url: str = read_only(format="uri", title="url")
    uuid: uuid_module.UUID = read_only("Unieke resource identifier (UUID4)")
    zaak: str = Field(title="zaak", json_schema_extra={"format": "uri"})
    eigenschap: str = Field(
        max_length=1000, description="URL-referentie naar de EIGENSCHAP (in de Catalogi API).", json_schema_extra={"format": "uri"}
    )
    naam: str = read_only("De naam van de EIGENSCHAP (overgenomen uit de Catalogi API).")
    waarde: str = Field(title="waarde")
