from functools import lru_cache

from pydantic_settings import SettingsConfigDict

from shared.settings import PeerClientSettings, sqlite_url


class ZakenSettings(PeerClientSettings):
    """`ZAKEN_*` environment variables; ZAKEN_CLIENT_ID and ZAKEN_SECRET: the client it reads the
    Catalogi API (zaaktypen, statustypen, ...) and a Documenten API (informatieobjecten) as."""

    model_config = SettingsConfigDict(env_prefix="ZAKEN_", extra="ignore")

    database_url: str = sqlite_url("zaken")
    # The Catalogi API the demo and the README examples use (zaaktype URLs may point anywhere); a
    # peer: when it is down, a request that needs it is a 503 (shared.remote).
    catalogi_api_url: str = "http://127.0.0.1:8001/catalogi/api/v1"


@lru_cache
def zaken_settings() -> ZakenSettings:
    return ZakenSettings()
