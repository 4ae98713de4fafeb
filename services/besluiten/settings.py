from functools import lru_cache

from pydantic_settings import SettingsConfigDict

from shared.settings import PeerClientSettings, sqlite_url


class BesluitenSettings(PeerClientSettings):
    """`BESLUITEN_*` environment variables; BESLUITEN_CLIENT_ID and BESLUITEN_SECRET: the client it
    reads the Catalogi API (besluittypen), the Zaken API (zaken) and the Documenten API
    (informatieobjecten) as, and writes its mirrors there with (zaakbesluiten,
    objectinformatieobjecten)."""

    model_config = SettingsConfigDict(env_prefix="BESLUITEN_", extra="ignore")

    database_url: str = sqlite_url("besluiten")
    # The Catalogi API this deployment runs beside it (besluittype URLs may point anywhere); a peer:
    # when it is down, a request that needs it is a 503 (shared.remote).
    catalogi_api_url: str = "http://127.0.0.1:8001/catalogi/api/v1"


@lru_cache
def besluiten_settings() -> BesluitenSettings:
    return BesluitenSettings()
