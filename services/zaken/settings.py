from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.settings import sqlite_url


class ZakenSettings(BaseSettings):
    """`ZAKEN_*` environment variables."""

    model_config = SettingsConfigDict(env_prefix="ZAKEN_", extra="ignore")

    database_url: str = sqlite_url("zaken")
    # The credentials this service signs its JWT with when it reads another ZGW API (the Catalogi
    # API's zaaktypen, statustypen, ...; a Documenten API's informatieobjecten). Empty: the demo
    # applicatie's (DEMO_CLIENT_ID / DEMO_CLIENT_SECRET).
    client_id: str = ""
    secret: str = ""
    # The Catalogi API the demo and the README examples use (zaaktype URLs may point anywhere); a
    # peer: when it is down, a request that needs it is a 503 (shared.remote).
    catalogi_api_url: str = "http://127.0.0.1:8001/catalogi/api/v1"


@lru_cache
def zaken_settings() -> ZakenSettings:
    return ZakenSettings()
