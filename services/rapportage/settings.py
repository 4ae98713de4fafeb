"""`RAPPORTAGE_*` environment variables (documented in docs/rapportage.md)."""

from functools import lru_cache

from pydantic import field_validator
from pydantic_settings import SettingsConfigDict

from shared.settings import PeerClientSettings, sqlite_url


def _csv(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


class RapportageSettings(PeerClientSettings):
    """RAPPORTAGE_CLIENT_ID and RAPPORTAGE_SECRET: the read-only client (Zaken, Catalogi,
    Documenten), an applicatie with zaken.lezen, audittrails.lezen (opschorting periods),
    catalogi.lezen and documenten.lezen (the documents of a zaak that is archived)."""

    model_config = SettingsConfigDict(env_prefix="RAPPORTAGE_", extra="ignore")

    database_url: str = sqlite_url("rapportage")
    # The Zaken API `zgw rapportage backfill` pages through when no --url is given.
    zaken_api_url: str = "http://127.0.0.1:8002/zaken/api/v1"
    # The exact Authorization header value the callback requires (the abonnement's `auth`).
    # Empty: a valid ZGW JWT of a known applicatie.
    callback_authorization: str = ""
    # The dashboard at /rapportage/ without a login (`make run`); otherwise HTTP Basic with the
    # client_id and secret of an applicatie holding `rapportage.lezen`, or a Bearer JWT.
    dashboard_open: bool = False
    # Kanalen that are projected; messages of other kanalen are answered 204 and ignored.
    kanalen: str = "zaken"
    # Which rollen make the team of a zaak (omschrijvingGeneriek, in order of preference), and of
    # which betrokkeneType (in order of preference). Never a natuurlijk persoon.
    team_rollen: str = "behandelaar"
    team_betrokkene_typen: str = "organisatorische_eenheid,medewerker"
    # Dates of moments (datumStatusGezet, opschorting) are taken in this time zone.
    tijdzone: str = "Europe/Amsterdam"
    # "Overdue soon": open zaken whose deadline is at most this many days away.
    bijna_te_laat_dagen: int = 5
    # Signaleringen (where zaakgericht werken is not, or not well, applied): a share above its
    # percentage is a signal; a status registered more than this many hours after its
    # datumStatusGezet is a late registration; a zaak is stuck when its current status has lasted
    # longer than this factor times the statustype's doorlooptijd. "Deadline soon": per zaaktype
    # (identificatie=days, comma-separated), else RAPPORTAGE_BIJNA_TE_LAAT_DAGEN.
    signaal_zonder_tussenstatus_percentage: float = 10.0
    signaal_zonder_behandelaar_percentage: float = 5.0
    signaal_zonder_resultaat_percentage: float = 0.0
    # a zaak closed without any document: some zaaktypen (a melding by phone) may rightly have
    # none, so a share, not every zaak
    signaal_zonder_document_percentage: float = 10.0
    signaal_naregistratie_uren: float = 24.0
    signaal_naregistratie_percentage: float = 5.0
    signaal_stilstand_factor: float = 1.0
    signaal_stilstand_percentage: float = 10.0
    signaal_termijn_dagen: str = ""
    # The champion: teams with at least this many zaken closed in the month compete.
    kampioen_minimum: int = 3
    # Milestones: the Nth zaak; a halved median needs at least this many zaken in both months.
    mijlpalen_aantallen: str = "1000,10000,100000,1000000"
    # The Nth user: distinct medewerkers seen in the rollen (and, with per_medewerker, the audit trail).
    mijlpalen_gebruikers: str = "50,100,250,500,1000"
    mijlpaal_minimum_zaken: int = 5
    # The report per medewerker of a team (a privacy choice of the municipality, AVG: see
    # docs/rapportage.md). Off: the report is not served and who set a status, the behandelaars
    # per zaak and the audit trail's gebruikersIds are not kept. On: intake reads the zaak's
    # audit trail with every message (one request more per message).
    per_medewerker: bool = False
    # The inbox worker: projects what the callback stored, in batches; retries pending events
    # (resource not fetchable) with exponential backoff, for ever; checks the monthly milestones.
    # Off only in tests (they project themselves): without it nothing is projected.
    worker_enabled: bool = True
    worker_interval: float = 2.0
    # Threads of the worker per process: each claims its own batch, so one fetches and projects
    # while another waits for the database.
    worker_threads: int = 2
    retry_base_seconds: float = 5.0
    retry_cap_seconds: float = 3600.0
    # The callback stores the messages that arrive together in one transaction (group commit),
    # at most this many.
    callback_batch_size: int = 200
    # HTTP: seconds before a fetch gives up; concurrent fetches of backfill and rebuild.
    fetch_timeout: float = 10.0
    fetch_concurrency: int = 8

    @field_validator("callback_batch_size", "worker_threads")
    @classmethod
    def _positive(cls, value: int) -> int:
        if value < 1:
            raise ValueError("must be 1 or more")
        return value

    @field_validator(
        "bijna_te_laat_dagen",
        "kampioen_minimum",
        "mijlpaal_minimum_zaken",
        "signaal_zonder_tussenstatus_percentage",
        "signaal_zonder_behandelaar_percentage",
        "signaal_zonder_resultaat_percentage",
        "signaal_zonder_document_percentage",
        "signaal_naregistratie_uren",
        "signaal_naregistratie_percentage",
        "signaal_stilstand_factor",
        "signaal_stilstand_percentage",
    )
    @classmethod
    def _not_negative(cls, value: float) -> float:
        if value < 0:
            raise ValueError("must be 0 or more")
        return value

    @field_validator("mijlpalen_aantallen", "mijlpalen_gebruikers")
    @classmethod
    def _counts(cls, value: str) -> str:
        if not all(part.isdigit() and int(part) > 0 for part in _csv(value)):
            raise ValueError(f"{value!r}: expected positive whole numbers, comma-separated")
        return value

    @field_validator("signaal_termijn_dagen")
    @classmethod
    def _days_per_zaaktype(cls, value: str) -> str:
        cls.days_per_zaaktype(value)
        return value

    @staticmethod
    def days_per_zaaktype(value: str) -> dict[str, int]:
        """`ZT-A=10,ZT-B=3` as {identificatie: days}; ValueError on anything else."""
        out = {}
        for part in _csv(value):
            identificatie, sep, days = part.partition("=")
            if not sep or not identificatie.strip() or not days.strip().isdigit():
                raise ValueError(f"{part!r}: expected <zaaktype identificatie>=<days>")
            out[identificatie.strip()] = int(days)
        return out

    @property
    def termijn_dagen_per_zaaktype(self) -> dict[str, int]:
        return self.days_per_zaaktype(self.signaal_termijn_dagen)

    @property
    def kanalen_set(self) -> frozenset[str]:
        return frozenset(_csv(self.kanalen))

    @property
    def team_rollen_list(self) -> tuple[str, ...]:
        return _csv(self.team_rollen)

    @property
    def team_typen_list(self) -> tuple[str, ...]:
        return _csv(self.team_betrokkene_typen)

    @property
    def mijlpalen_list(self) -> tuple[int, ...]:
        return tuple(sorted(int(n) for n in _csv(self.mijlpalen_aantallen)))

    @property
    def mijlpalen_gebruikers_list(self) -> tuple[int, ...]:
        return tuple(sorted(int(n) for n in _csv(self.mijlpalen_gebruikers)))


@lru_cache
def rapportage_settings() -> RapportageSettings:
    return RapportageSettings()
