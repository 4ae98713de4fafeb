from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.settings import sqlite_url


class AutorisatiesSettings(BaseSettings):
    """`AUTORISATIES_*` environment variables."""

    model_config = SettingsConfigDict(env_prefix="AUTORISATIES_", extra="ignore")

    database_url: str = sqlite_url("autorisaties")


@lru_cache
def autorisaties_settings() -> AutorisatiesSettings:
    return AutorisatiesSettings()
