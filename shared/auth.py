"""JWT (HS256) authentication and autorisaties.

A client signs a JWT with its secret; claims `iss`, `iat`, `client_id`, `user_id`,
`user_representation`. The applicatie behind the client_id says what it may do: all rights
(`heeftAlleAutorisaties`) or autorisaties per component with scopes (and, for Zaken, a zaaktype
and a maximum vertrouwelijkheidaanduiding). Applicaties come from a configuration file
(`ZGW_AUTORISATIES_FILE`, YAML or JSON, field names as in the Autorisaties API), plus the demo
applicatie where the demo is switched on. With `ZGW_AUTORISATIES_API_URL` the rights come from an
Autorisaties API instead (`shared.autorisaties.ApiAutorisaties`); the secrets stay in the file.

A source is asked twice per request: `by_client_id` for the secret (before the signature is
checked), then, when it has one, `rights(client_id, applicatie)` for what the verified client may
do; so an unsigned token never makes a source look anything up.
"""

import json
import threading
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import jwt
import yaml
from fastapi import Request
from fastapi.concurrency import run_in_threadpool

from shared.errors import NotAuthenticated, PermissionDenied
from shared.settings import KernelSettings

# ZGW secrets are agreed per applicatie and the standard sets no minimum length; warning about
# every short one on every request would only bury real problems in the logs.
warnings.filterwarnings("ignore", category=jwt.warnings.InsecureKeyLengthWarning)

# Components as the Autorisaties API names them.
ZTC = "ztc"
ZRC = "zrc"

VERTROUWELIJKHEIDAANDUIDINGEN = (
    "openbaar",
    "beperkt_openbaar",
    "intern",
    "zaakvertrouwelijk",
    "vertrouwelijk",
    "confidentieel",
    "geheim",
    "zeer_geheim",
)
VERTROUWELIJKHEID_RANK = {name: rank for rank, name in enumerate(VERTROUWELIJKHEIDAANDUIDINGEN)}


@dataclass(frozen=True)
class Autorisatie:
    component: str
    scopes: frozenset[str]
    zaaktype: str | None = None
    informatieobjecttype: str | None = None
    besluittype: str | None = None
    max_vertrouwelijkheidaanduiding: str | None = None
    # Extension (as Open Zaak's CatalogusAutorisatie): instead of one zaaktype / informatieobjecttype
    # / besluittype, every type of this catalogus (URL), present and future.
    catalogus: str | None = None


@dataclass(frozen=True)
class Applicatie:
    label: str
    client_ids: tuple[str, ...]
    secret: str
    heeft_alle_autorisaties: bool = False
    autorisaties: tuple[Autorisatie, ...] = ()

    @property
    def states_rights(self) -> bool:
        """Does this entry say what the applicatie may do (all rights, or autorisaties)?"""
        return self.heeft_alle_autorisaties or bool(self.autorisaties)

    def scopes(self, component: str) -> frozenset[str]:
        found: set[str] = set()
        for autorisatie in self.autorisaties:
            if autorisatie.component == component:
                found |= autorisatie.scopes
        return frozenset(found)


@dataclass
class Principal:
    client_id: str
    applicatie: Applicatie
    user_id: str = ""
    user_representation: str = ""
    claims: dict = field(default_factory=dict)

    @property
    def all_rights(self) -> bool:
        return self.applicatie.heeft_alle_autorisaties

    def has_any_scope(self, component: str, scopes: tuple[str, ...] | frozenset[str]) -> bool:
        if self.all_rights:
            return True
        return bool(self.applicatie.scopes(component) & set(scopes))

    def require_any_scope(self, component: str, scopes: tuple[str, ...] | frozenset[str]) -> None:
        if not self.has_any_scope(component, scopes):
            raise PermissionDenied()


class AutorisatieSource(Protocol):
    """`by_client_id`: the applicatie with its secret (None: unknown client, 401). A source may also
    have `rights(client_id, applicatie) -> Applicatie`, asked after the signature was verified, and
    then `known_rights(client_id, applicatie) -> Applicatie | None`: the rights when it has them
    without waiting for I/O (None: `rights` has to look them up)."""

    def by_client_id(self, client_id: str) -> Applicatie | None: ...


def _blank_to_none(value) -> str | None:
    return value or None


def parse_applicatie(data: dict, secret: str | None = None) -> Applicatie:
    """An applicatie in the Autorisaties API's shape (blank fields are absent ones); the secret is
    the file's `secret`, or `secret` for an applicatie the API returned."""
    autorisaties = tuple(
        Autorisatie(
            component=a["component"],
            scopes=frozenset(a.get("scopes") or []),
            zaaktype=_blank_to_none(a.get("zaaktype")),
            informatieobjecttype=_blank_to_none(a.get("informatieobjecttype")),
            besluittype=_blank_to_none(a.get("besluittype")),
            max_vertrouwelijkheidaanduiding=_blank_to_none(a.get("maxVertrouwelijkheidaanduiding")),
            catalogus=_blank_to_none(a.get("catalogus")),
        )
        for a in data.get("autorisaties") or []
    )
    return Applicatie(
        label=data.get("label", ""),
        client_ids=tuple(data.get("clientIds") or []),
        secret=data["secret"] if secret is None else secret,
        heeft_alle_autorisaties=bool(data.get("heeftAlleAutorisaties", False)),
        autorisaties=autorisaties,
    )


class FileAutorisaties:
    """Applicaties from a YAML/JSON file (re-read when it changes) plus the demo applicatie."""

    RECHECK_SECONDS = 2.0

    def __init__(self, settings: KernelSettings):
        self.path: Path | None = settings.autorisaties_file
        self._demo = (
            Applicatie(
                label="Demo (alle rechten)",
                client_ids=(settings.demo_client_id,),
                secret=settings.demo_client_secret,
                heeft_alle_autorisaties=True,
            )
            if settings.demo_enabled
            else None
        )
        self._lock = threading.Lock()
        self._by_client: dict[str, Applicatie] = {}
        self._mtime: float | None = None
        self._checked = 0.0
        self._load()

    def _load(self) -> None:
        by_client: dict[str, Applicatie] = {}
        if self._demo:
            for cid in self._demo.client_ids:
                by_client[cid] = self._demo
        if self.path and self.path.exists():
            text = self.path.read_text()
            data = json.loads(text) if self.path.suffix == ".json" else yaml.safe_load(text)
            for raw in (data or {}).get("applicaties", []):
                app = parse_applicatie(raw)
                for cid in app.client_ids:
                    by_client[cid] = app
            self._mtime = self.path.stat().st_mtime
        self._by_client = by_client

    def _maybe_reload(self) -> None:
        now = time.monotonic()
        if not self.path or now - self._checked < self.RECHECK_SECONDS:
            return
        with self._lock:
            self._checked = now
            mtime = self.path.stat().st_mtime if self.path.exists() else None
            if mtime != self._mtime:
                self._load()

    def by_client_id(self, client_id: str) -> Applicatie | None:
        self._maybe_reload()
        return self._by_client.get(client_id)


class Authenticator:
    # tokens whose signature was verified: a client sends the same token with many requests, and
    # decoding and checking it again cost more than the rest of a small request's authentication
    VERIFIED_KEPT = 4096

    def __init__(self, source: AutorisatieSource, settings: KernelSettings):
        self.source = source
        self.max_age = settings.jwt_max_age
        self.leeway = settings.jwt_leeway
        self._verified: dict[str, tuple[str, str, dict]] = {}  # token -> (client_id, secret, claims)

    def authenticate(self, authorization: str | None, *, with_rights: bool = True, may_wait: bool = True) -> Principal | None:
        """The verified client; `with_rights=False`: only who it is (the secret's applicatie), without
        asking the source what it may do (e.g. the autorisaties callback). `may_wait=False`: None
        where the source would have to look the rights up (the caller asks again from a thread)."""
        if not authorization:
            raise NotAuthenticated()
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise NotAuthenticated("Ongeldige Authorization header; verwacht 'Bearer <JWT>'.")
        client_id, applicatie, claims = self._verify(token.strip())
        self._check_times(claims)
        rights = getattr(self.source, "rights", None)
        if with_rights and rights is not None:
            if may_wait:
                applicatie = rights(client_id, applicatie)
            else:
                known_rights = getattr(self.source, "known_rights", None)
                known = known_rights(client_id, applicatie) if known_rights is not None else None
                if known is None:
                    return None
                applicatie = known
        return Principal(
            client_id=client_id,
            applicatie=applicatie,
            user_id=str(claims.get("user_id") or ""),
            user_representation=str(claims.get("user_representation") or ""),
            claims=claims,
        )

    def _verify(self, token: str) -> tuple[str, Applicatie, dict]:
        """(client_id, applicatie, claims) of a token signed with its applicatie's secret. A token
        verified before with the secret the applicatie has now is not decoded again: HMAC-SHA256
        gives the same answer for the same token and secret. Its times are checked by the caller."""
        kept = self._verified.get(token)
        if kept is not None:
            client_id, secret, claims = kept
            applicatie = self.source.by_client_id(client_id)
            if applicatie is not None and applicatie.secret == secret:
                return client_id, applicatie, claims
        try:
            header = jwt.get_unverified_header(token)
            if header.get("alg") != "HS256":
                raise NotAuthenticated("Alleen HS256-ondertekende JWT's worden geaccepteerd.")
            unverified = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError as exc:
            raise NotAuthenticated(f"Ongeldige JWT: {exc}") from None
        claimed = unverified.get("client_id") or unverified.get("iss")
        if not isinstance(claimed, str) or not claimed:
            raise NotAuthenticated("De JWT bevat geen client_id.")
        client_id = claimed
        applicatie = self.source.by_client_id(client_id)
        if applicatie is None:
            raise NotAuthenticated("Onbekende client_id.")
        try:
            claims = jwt.decode(
                token,
                applicatie.secret,
                algorithms=["HS256"],
                leeway=self.leeway,
                options={"require": ["iat"], "verify_aud": False},
            )
        except jwt.PyJWTError as exc:
            raise NotAuthenticated(f"Ongeldige JWT: {exc}") from None
        if len(self._verified) >= self.VERIFIED_KEPT:
            self._verified.clear()
        self._verified[token] = (client_id, applicatie.secret, claims)
        return client_id, applicatie, claims

    def _check_times(self, claims: dict) -> None:
        """`iat` within `jwt_max_age` (ZGW), and `exp`/`nbf` when the token has them, at every use."""
        iat = claims.get("iat")
        if not isinstance(iat, (int, float)):
            raise NotAuthenticated("De claim iat ontbreekt of is ongeldig.")
        now = time.time()
        if iat > now + self.leeway:
            raise NotAuthenticated("De JWT is uitgegeven in de toekomst.")
        if now - iat > self.max_age + self.leeway:
            raise NotAuthenticated("De JWT is verlopen.")
        exp, nbf = claims.get("exp"), claims.get("nbf")
        if isinstance(exp, (int, float)) and now > exp + self.leeway:
            raise NotAuthenticated("De JWT is verlopen.")
        if isinstance(nbf, (int, float)) and now < nbf - self.leeway:
            raise NotAuthenticated("De JWT is nog niet geldig.")


def make_token(client_id: str, secret: str, *, user_id: str = "", user_representation: str = "", iat: float | None = None) -> str:
    """A ZGW JWT as a client makes it (the services' clients of other APIs, the CLI, the demo,
    tests). Without `iat`: the token of this second, which depends on nothing else, so one made
    earlier in the same second is handed out again (a client fetching hundreds of times a second
    signs once a second, and the receiving API finds it among its verified tokens)."""
    if iat is not None:
        return _encode_token(client_id, secret, user_id, user_representation, int(iat))
    second = int(time.time())
    key = (client_id, secret, user_id, user_representation)
    made = _tokens_of_this_second.get(key)
    if made is not None and made[0] == second:
        return made[1]
    token = _encode_token(client_id, secret, user_id, user_representation, second)
    if len(_tokens_of_this_second) >= 256:
        _tokens_of_this_second.clear()
    _tokens_of_this_second[key] = (second, token)
    return token


_tokens_of_this_second: dict[tuple[str, str, str, str], tuple[int, str]] = {}


def _encode_token(client_id: str, secret: str, user_id: str, user_representation: str, iat: int) -> str:
    payload = {"iss": client_id, "iat": iat, "client_id": client_id, "user_id": user_id, "user_representation": user_representation}
    return jwt.encode(payload, secret, algorithm="HS256")


def current_principal(request: Request) -> Principal:
    principal = getattr(request.state, "principal", None)
    if principal is None:
        principal = request.app.state.authenticator.authenticate(request.headers.get("authorization"))
        request.state.principal = principal
    return principal


async def request_principal(request: Request) -> Principal:
    """`current_principal` for async code: verified on the event loop (a JWT check is CPU only; the
    applicaties file is looked at once per `RECHECK_SECONDS`), from the thread pool only when the
    rights have to be looked up (an Autorisaties API)."""
    principal = getattr(request.state, "principal", None)
    if principal is None:
        principal = request.app.state.authenticator.authenticate(request.headers.get("authorization"), may_wait=False)
        if principal is None:
            return await run_in_threadpool(current_principal, request)
        request.state.principal = principal
    return principal


def require_scopes(component: str, *scopes: str):
    """Dependency: an authenticated client holding at least one of `scopes` for `component`."""

    async def dependency(request: Request) -> Principal:
        principal = await request_principal(request)
        principal.require_any_scope(component, scopes)
        return principal

    dependency.scopes = scopes  # type: ignore[attr-defined]
    return dependency
