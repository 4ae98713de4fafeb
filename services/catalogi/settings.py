from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.settings import sqlite_url


class CatalogiSettings(BaseSettings):
    """`CATALOGI_*` environment variables."""

    model_config = SettingsConfigDict(env_prefix="CATALOGI_", extra="ignore")

    database_url: str = sqlite_url("catalogi")
    # The Referentielijsten (selectielijst) API that ztc-001/ztc-002 validate against.
    referentielijsten_api_url: str = "https://selectielijst.openzaak.nl/api/v1"
    # Off only where no Referentielijsten API is reachable (the offline demo): URLs are then
    # stored as given, and derived defaults are filled only when the API answers.
    selectielijst_validation: bool = True


@lru_cache
def catalogi_settings() -> CatalogiSettings:
    return CatalogiSettings()
