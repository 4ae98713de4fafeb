"""Who may use the Autorisaties API itself: the secret from the kernel's file, the rights from this
service's own database (no HTTP to itself), so an applicatie stored here with component `ac` and
`autorisaties.lezen` / `autorisaties.bijwerken` may read or manage applicaties. File entries that
state rights (the bootstrap administrator, the demo) keep them, as in `shared.autorisaties`."""

from services.autorisaties.applicatie.service import applicatie_dicts, by_client_id
from shared.auth import AutorisatieSource
from shared.autorisaties import ApiAutorisaties
from shared.db import Database


class LocalApplicaties:
    """`lookup(client_id)`: the applicatie in the shape the Autorisaties API returns, or None."""

    def __init__(self, database: Database):
        self.database = database

    def __call__(self, client_id: str) -> dict | None:
        with self.database.session() as session:
            applicatie = by_client_id(session, client_id)
            return applicatie_dicts(session, [applicatie])[0] if applicatie is not None else None


def local_autorisaties(secrets: AutorisatieSource, database: Database) -> ApiAutorisaties:
    # the database is the truth and is asked on every request: nothing to cache, nothing stale
    return ApiAutorisaties(secrets, LocalApplicaties(database), cache_seconds=0)
