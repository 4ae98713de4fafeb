"""From a thin notification to a `Change`: fetch the zaak, status, resultaat or rollen it points
at, and the Catalogi types they use (cached). A zaak the read models do not know yet is fetched
whole (a full refresh), so a message that arrives before the zaak's own, or the first message
about a zaak older than the abonnement, still builds the complete read model."""

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from services.rapportage.client import FetchError, ZgwReader
from services.rapportage.settings import RapportageSettings
from services.rapportage.zaak.facts import (
    KEEP,
    Change,
    StatusFacts,
    StatustypeFacts,
    ZaakFacts,
    ZaaktypeFacts,
    behandelaars_from_rollen,
    gebruikers_from_audittrail,
    medewerkers_from_rollen,
    opschortingen_from_audittrail,
    status_registraties,
    status_zetters,
    team_from_rollen,
    with_registraties,
)

log = logging.getLogger("zgw.rapportage")
T = TypeVar("T")
# zaken per search request: one page of the Zaken API (100), so no `next` to follow
ZOEK_CHUNK = 100


def api_root_of(zaak_url: str) -> str:
    """The Zaken API root of a zaak URL (`.../zaken/api/v1/zaken/<uuid>` -> `.../zaken/api/v1`)."""
    return zaak_url.rstrip("/").rsplit("/zaken/", 1)[0]


def _uuid_of(url: str) -> str:
    """The last path segment of a zaak URL, as a search by `uuid__in` matches it."""
    return url.rstrip("/").rsplit("/", 1)[-1].lower()


def _destroyed(messages: list[dict]) -> bool:
    return any(m["resource"] == "zaak" and m["actie"] == "destroy" for m in messages)


def _documents_only(messages: list[dict], known: bool) -> bool:
    """Documents added to or removed from a known zaak: their list is read, not the zaak."""
    return known and {m["resource"] for m in messages} == {"zaakinformatieobject"}


def _expands_status(messages: list[dict], known: bool) -> bool:
    """One new status of a known zaak: read with its zaak (`expand=status`)."""
    return known and sum(m["resource"] == "status" for m in messages) == 1


def _facts(parse: Callable[[Any], T], data: Any) -> T:
    try:
        return parse(data)
    except (ValueError, TypeError, AttributeError) as exc:
        raise FetchError("invalid", str((data or {}).get("url", "")) if isinstance(data, dict) else "", str(exc)) from None


class Fetcher:
    def __init__(self, reader: ZgwReader, settings: RapportageSettings):
        self.reader = reader
        self.settings = settings
        self._warned_audit = False
        self._no_expand: set[str] = set()  # API roots that refused `expand`
        self._no_search: set[str] = set()  # API roots whose `_zoek` refused or ignored `uuid__in`

    def forget_refusals(self) -> None:
        """Ask every API for `expand` and the search again (after an upgrade of one; tests)."""
        self._no_expand.clear()
        self._no_search.clear()

    # ------------------------------------------------------------ one event

    def for_events(self, zaak_url: str, messages: list[dict], *, known: bool, zaak_json: dict | None = None) -> Change:
        """The Change that messages of kanaal `zaken` about one zaak bring about: the zaak is
        fetched once (or taken as `zaak_json`, read by `prefetch`), an unknown zaak whole, one
        status with its zaak (`_zaak`) or by itself, several as the zaak's list,
        zaakinformatieobjecten alone of a known zaak by their list (without the zaak);
        FetchError when something they need cannot be fetched now (they then wait and are
        retried)."""
        moments: list[dt.datetime] = [m["_moment"] for m in messages if m.get("_moment")]
        moment = max(moments, default=None)
        # a status's registration: the aanmaakdatum of its create notification
        registraties = {
            m["resourceUrl"]: m["_moment"] for m in messages if m["resource"] == "status" and m["actie"] == "create" and m.get("_moment")
        }
        if _destroyed(messages):
            return Change(zaak_url, gone=True, moment=moment)
        resources = {m["resource"] for m in messages}
        if _documents_only(messages, known):
            # a document added to or removed from a known zaak: one request, its list
            return Change(zaak_url, documenten=self.documenten(zaak_url), moment=moment)
        status_urls = [m["resourceUrl"] for m in messages if m["resource"] == "status"]
        expand_status = _expands_status(messages, known)
        if zaak_json is None:
            try:
                zaak_json = self._zaak(zaak_url, expand_status=expand_status)
            except FetchError as exc:
                if exc.kind == "gone":
                    return Change(zaak_url, gone=True, moment=moment)
                raise
        if not known:
            zaak_messages = [m for m in messages if m["resource"] == "zaak"]
            created = bool(zaak_messages) and all(m["actie"] == "create" for m in zaak_messages)
            return self.full(zaak_url, zaak_json, moment=moment, created=created, registraties=registraties)
        zaak = _facts(ZaakFacts.from_json, zaak_json)
        change = Change(zaak_url, zaak=zaak, moment=moment)
        zetters: dict[str, str] = {}
        if isinstance(zaak_json.get("zaakinformatieobjecten"), list) or "zaakinformatieobject" in resources:
            change.documenten = self.documenten(zaak_url, zaak_json)
        # the audit trail with a change of the zaak (opschorting periods); with the report per
        # medewerker with every message (its gebruikersIds, who set each status)
        if "zaak" in resources or self.settings.per_medewerker:
            entries = self.audittrail(zaak_url)
            if entries is not None:
                change.opschortingen = opschortingen_from_audittrail(entries)
                zetters = self._gebruikers(change, entries)
        if len(status_urls) > 1:
            root = api_root_of(zaak.url)
            listed = [_facts(StatusFacts.from_json, s) for s in self.reader.list_all(f"{root}/statussen", {"zaak": zaak.url})]
            change.statussen = with_registraties(listed, registraties, zetters)
        elif status_urls:
            embedded = (zaak_json.get("_expand") or {}).get("status") if expand_status else None
            try:
                if not (isinstance(embedded, dict) and embedded.get("url") == status_urls[0]):
                    embedded = self.reader.get_object(status_urls[0])  # no expand, or a newer status since
                change.status_upserts = with_registraties([_facts(StatusFacts.from_json, embedded)], registraties, zetters)
            except FetchError as exc:
                if exc.kind != "gone":
                    raise
                change.status_removed = [status_urls[0]]
        if "resultaat" in resources:
            change.resultaattype = self.resultaattype(zaak.resultaat)
        if "rol" in resources:
            self.rollen(change, zaak)
        self.add_types(change)
        return change

    def prefetch(self, groups: Mapping[str, list[dict]], known: set[str]) -> dict[str, dict]:
        """The zaken that `for_events` would read one by one for these groups of messages (zaak
        URL -> its messages), read together: per Zaken API a `POST /zaken/_zoek` with `uuid__in`
        per ZOEK_CHUNK zaken (with `expand=status` where a known zaak has one new status), so a
        batch of N new zaken costs that API one request instead of N (under a load of creates the
        one-by-one reads fell behind). Zaak URL -> its JSON. A zaak it does not return (removed,
        out of reach) is left to the one-by-one read, which tells why; so is every zaak of an
        API that refuses the search or ignores `uuid__in`, which is not asked again."""
        wanted: dict[str, dict[str, str]] = {}  # API root -> zaak uuid -> zaak URL
        expand: set[str] = set()
        for zaak_url, messages in groups.items():
            is_known = zaak_url in known
            root = api_root_of(zaak_url)
            if root in self._no_search or _destroyed(messages) or _documents_only(messages, is_known):
                continue
            wanted.setdefault(root, {})[_uuid_of(zaak_url)] = zaak_url
            if _expands_status(messages, is_known) and root not in self._no_expand:
                expand.add(root)
        found: dict[str, dict] = {}
        for root, by_uuid in wanted.items():
            if len(by_uuid) < 2:
                continue  # its own GET costs the same
            uuids = list(by_uuid)
            for start in range(0, len(uuids), ZOEK_CHUNK):
                chunk = uuids[start : start + ZOEK_CHUNK]
                body: dict[str, Any] = {"uuid__in": chunk, **({"expand": "status"} if root in expand else {})}
                try:
                    results = self.reader.search(f"{root}/zaken/_zoek", body)
                except FetchError as exc:
                    if exc.kind in ("gone", "invalid"):
                        log.info("%s refused a search by uuid__in (%s); its zaken are read one by one", root, exc.detail)
                        self._no_search.add(root)
                    break  # unavailable or refused: the one-by-one reads retry and report it
                matched = {_uuid_of(z["url"]): z for z in results if isinstance(z, dict) and isinstance(z.get("url"), str)}
                if len(results) > len(chunk) or not set(matched) <= set(chunk):
                    log.info("%s ignored uuid__in in its search; its zaken are read one by one", root)
                    self._no_search.add(root)
                    break
                found.update({by_uuid[key]: zaak for key, zaak in matched.items()})
        return found

    def _zaak(self, zaak_url: str, *, expand_status: bool) -> dict:
        """The zaak; with `expand_status` its current status embedded too (`_expand.status`, Zaken
        API 1.5), so a new status of a known zaak costs the Zaken API one request instead of two.
        An API that refuses the parameter (a 400 from one before 1.5) is asked without it from
        then on; one that ignores it gives no `_expand`, and the status is fetched by itself."""
        root = api_root_of(zaak_url)
        if not expand_status or root in self._no_expand:
            return self.reader.get_object(zaak_url)
        try:
            return self.reader.get_object(zaak_url, {"expand": "status"})
        except FetchError as exc:
            if exc.kind != "invalid":
                raise
            log.info("%s refused expand=status (%s); its zaken are fetched without it", root, exc.detail)
            self._no_expand.add(root)
            return self.reader.get_object(zaak_url)

    # ------------------------------------------------------------ a whole zaak

    def full(
        self,
        zaak_url: str,
        zaak_json: dict | None = None,
        *,
        moment: dt.datetime | None = None,
        created: bool = False,
        registraties: dict[str, dt.datetime] | None = None,
    ) -> Change:
        """Everything about one zaak: the zaak, its statussen (with when each was registered),
        rollen (the team), resultaat, opschorting periods (audit trail) and number of documents.
        What the zaak itself shows is not asked for: no statussen without a `status`, no rollen
        where `rollen` is an empty list, no zaakinformatieobjecten where it lists them, no audit
        trail for a zaak not opgeschort whose only message is its creation (`created`: a later
        change comes with a message of its own, which reads the audit trail), unless the report
        per medewerker needs its gebruikersIds. `registraties`: status URL -> registration moment
        from the messages."""
        if zaak_json is None:
            try:
                zaak_json = self.reader.get_object(zaak_url)
            except FetchError as exc:
                if exc.kind == "gone":
                    return Change(zaak_url, gone=True, moment=moment)
                raise
        facts = _facts(ZaakFacts.from_json, zaak_json)
        root = api_root_of(facts.url)
        statussen = []
        if facts.status is not None:
            statussen = [_facts(StatusFacts.from_json, s) for s in self.reader.list_all(f"{root}/statussen", {"zaak": facts.url})]
        no_rollen = zaak_json.get("rollen") == []  # a Zaken API before 1.2 does not list them
        skip_audit = created and not facts.opgeschort and not self.settings.per_medewerker
        entries = None if skip_audit else self.audittrail(facts.url)
        change = Change(zaak_url, zaak=facts, moment=moment)
        zetters: dict[str, str] = {}
        if entries is None:
            change.opschortingen = [] if skip_audit else KEEP
        else:
            change.opschortingen = opschortingen_from_audittrail(entries)
            registraties = {**status_registraties(entries), **(registraties or {})}
            zetters = self._gebruikers(change, entries)
        change.statussen = with_registraties(statussen, registraties or {}, zetters)
        if no_rollen:
            change.team = None
            change.behandelaars = [] if self.settings.per_medewerker else KEEP
        else:
            self.rollen(change, facts)
        change.resultaattype = self.resultaattype(facts.resultaat)
        change.documenten = self.documenten(facts.url, zaak_json)
        self.add_types(change)
        return change

    # ------------------------------------------------------------ parts

    def documenten(self, zaak_url: str, zaak_json: dict | None = None) -> int:
        """How many zaakinformatieobjecten the zaak has: what the zaak shows
        (`zaakinformatieobjecten`, Zaken API 1.5) without a request, else the Zaken API's list."""
        shown = (zaak_json or {}).get("zaakinformatieobjecten")
        if isinstance(shown, list):
            return len(shown)
        return len(self.zaakinformatieobjecten(zaak_url))

    def zaakinformatieobjecten(self, zaak_url: str) -> list[dict]:
        return self.reader.list_all(f"{api_root_of(zaak_url)}/zaakinformatieobjecten", {"zaak": zaak_url})

    def dossier_gearchiveerd(self, zaak_url: str) -> bool:
        """Whether the zaak's documents are all in the archive: it has at least one
        zaakinformatieobject, and each one's informatieobject can be read from its Documenten API
        (the URL is absolute: whichever API holds it; the read-only client needs
        `documenten.lezen`) with status `gearchiveerd`. A request for the list and one per
        document, stopping at the first that is not; FetchError when one cannot be read now."""
        zios = self.zaakinformatieobjecten(zaak_url)
        if not zios:
            return False
        for zio in zios:
            url = zio.get("informatieobject") if isinstance(zio, dict) else None
            if not url:
                return False
            try:
                document = self.reader.get_object(url)
            except FetchError as exc:
                if exc.kind == "gone":
                    return False
                raise
            if document.get("status") != "gearchiveerd":
                return False
        return True

    def rollen(self, change: Change, zaak: ZaakFacts) -> None:
        """The zaak's rollen: its team, the medewerkers among them (seen at the rol's
        registratiedatum, else the zaak's), and with the report per medewerker the behandelaars."""
        rollen = self.reader.list_all(f"{api_root_of(zaak.url)}/rollen", {"zaak": zaak.url})
        change.team = team_from_rollen(rollen, self.settings.team_rollen_list, self.settings.team_typen_list)
        fallback = dt.datetime.combine(zaak.registratiedatum, dt.time(), dt.UTC)
        change.medewerkers.extend(medewerkers_from_rollen(rollen, fallback))
        if self.settings.per_medewerker:
            change.behandelaars = behandelaars_from_rollen(rollen, self.settings.team_rollen_list)

    def _gebruikers(self, change: Change, entries: list[dict]) -> dict[str, str]:
        """With the report per medewerker: the audit trail's gebruikersIds as medewerkers seen,
        and who set each status (status URL -> gebruikersId). Without it neither is kept: live
        intake reads the audit trail with a change of the zaak only, a backfill always, so the
        two would not agree."""
        if not self.settings.per_medewerker:
            return {}
        change.medewerkers.extend(gebruikers_from_audittrail(entries))
        return status_zetters(entries)

    def resultaattype(self, resultaat_url: str | None) -> str | None:
        if not resultaat_url:
            return None
        try:
            return self.reader.get_object(resultaat_url).get("resultaattype") or None
        except FetchError as exc:
            if exc.kind == "gone":
                return None
            raise

    def audittrail(self, zaak_url: str) -> list[dict] | None:
        """The zaak's audit trail entries; None where it cannot be read (no right, no such API)."""
        try:
            entries = self.reader.get(f"{zaak_url.rstrip('/')}/audittrail")
        except FetchError as exc:
            if exc.kind == "unavailable":
                raise
            if not self._warned_audit:
                log.warning("audit trail not readable (%s); opschorting periods follow the notifications", exc)
                self._warned_audit = True
            return None
        if not isinstance(entries, list):
            entries = entries.get("results", []) if isinstance(entries, dict) else []
        return entries

    def add_types(self, change: Change) -> None:
        """The zaaktype and statustypen the change refers to, from the Catalogi API (cached)."""
        if change.zaak is not None and change.zaak.zaaktype not in change.zaaktypen:
            url = change.zaak.zaaktype
            change.zaaktypen[url] = ZaaktypeFacts.from_json(url, self.reader.catalogus_object(url))
        statussen = list(change.status_upserts) + ([] if change.statussen is KEEP else list(change.statussen))
        for status in statussen:
            if status.statustype not in change.statustypen:
                if change.zaak is not None:  # one request for the zaaktype's statustypen, not one each
                    self.reader.resolver.cache_with_siblings(status.statustype, {"zaaktype": change.zaak.zaaktype})
                change.statustypen[status.statustype] = StatustypeFacts.from_json(
                    status.statustype, self.reader.catalogus_object(status.statustype)
                )
