"""Expand (zrc-025, zrc-026, zrc-027): `expand=zaaktype,status.statustype,hoofdzaak.status.statustype`
on GET /zaken, GET /zaken/{uuid} and POST /zaken/_zoek embeds the full representation of linked
resources in each result's `_expand`.

- Only resources of this Zaken API and of the Catalogi API are expandable (zrc-025): the names per
  resource are the tables below; a name that is not there (e.g. `zaakinformatieobjecten.informatieobject`,
  a Documenten API object) is a 400 `expand` / `invalid-expand-field`, checked before any work.
- At most 3 levels deep (zrc-026): a deeper path is cut at the third level.
- Zaken of this API come from the database with the client's zrc-006 filter in the SQL itself: a
  zaak (or a sub-resource of a zaak) the client may not see is left out (a single link gives `{}`).
  Catalogi objects come from `catalogi(ctx).try_fetch` (cached); one that cannot be fetched is left out.
- Work is batched per level: all URLs of one level across all results are loaded with one query per
  resource type (plus that type's own page queries), whatever the number of results.
"""

import copy
import re
import uuid as uuid_module
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select

from services.zaken.access import SCOPE_LEZEN, visible_clause
from services.zaken.catalogi import catalogi
from services.zaken.zaak.models import Zaak
from shared.errors import ValidationProblem
from shared.resources import Context

MAX_DEPTH = 3
FORMAT = re.compile(r"^[\w']+(\.[\w']+)*$")

# Local resources: kind -> the collection its URL lives in (zaakeigenschap is nested under its zaak).
LOCAL_COLLECTIONS = {
    "zaak": "zaken",
    "status": "statussen",
    "rol": "rollen",
    "resultaat": "resultaten",
    "zaakobject": "zaakobjecten",
    "zaakinformatieobject": "zaakinformatieobjecten",
    "zaakeigenschap": "zaakeigenschappen",
}


@dataclass(frozen=True)
class Relation:
    target: str  # a local kind, or a Catalogi resource name (ZaakType, StatusType, ...)
    many: bool = False
    item_key: str | None = None  # for a list of objects: the key holding the URL


def _one(target: str) -> Relation:
    return Relation(target)


def _many(target: str, item_key: str | None = None) -> Relation:
    return Relation(target, True, item_key)


# What each resource may expand: the spec's *Embedded schemas and the expand table of the
# standard (gemma-zaken docs, Zaken 1.5), plus `zaak` back from every sub-resource.
RELATIONS: dict[str, dict[str, Relation]] = {
    "zaak": {
        "zaaktype": _one("ZaakType"),
        "hoofdzaak": _one("zaak"),
        "deelzaken": _many("zaak"),
        "relevanteAndereZaken": _many("zaak", "url"),
        "eigenschappen": _many("zaakeigenschap"),
        "rollen": _many("rol"),
        "status": _one("status"),
        "zaakobjecten": _many("zaakobject"),
        "zaakinformatieobjecten": _many("zaakinformatieobject"),
        "resultaat": _one("resultaat"),
    },
    "status": {
        "zaak": _one("zaak"),
        "statustype": _one("StatusType"),
        "gezetdoor": _one("rol"),
        "zaakinformatieobjecten": _many("zaakinformatieobject"),
    },
    "rol": {"zaak": _one("zaak"), "roltype": _one("RolType"), "statussen": _many("status")},
    "resultaat": {"zaak": _one("zaak"), "resultaattype": _one("ResultaatType")},
    "zaakobject": {"zaak": _one("zaak"), "zaakobjecttype": _one("ZaakObjectType")},
    # zrc-025: `informatieobject` lives in the Documenten API and is not expandable
    "zaakinformatieobject": {"zaak": _one("zaak"), "status": _one("status")},
    "zaakeigenschap": {"zaak": _one("zaak"), "eigenschap": _one("Eigenschap")},
    # Catalogi API 1.3.1: the fields whose values are URLs into the Catalogi API itself (not
    # selectielijst, referentielijsten or Objecttypen URLs, zrc-025).
    "ZaakType": {
        "catalogus": _one("Catalogus"),
        "statustypen": _many("StatusType"),
        "resultaattypen": _many("ResultaatType"),
        "eigenschappen": _many("Eigenschap"),
        "informatieobjecttypen": _many("InformatieObjectType"),
        "roltypen": _many("RolType"),
        "besluittypen": _many("BesluitType"),
        "zaakobjecttypen": _many("ZaakObjectType"),
        "deelzaaktypen": _many("ZaakType"),
        "gerelateerdeZaaktypen": _many("ZaakType", "zaaktype"),
    },
    "StatusType": {"zaaktype": _one("ZaakType"), "catalogus": _one("Catalogus"), "eigenschappen": _many("Eigenschap")},
    "RolType": {"zaaktype": _one("ZaakType"), "catalogus": _one("Catalogus")},
    "ResultaatType": {
        "zaaktype": _one("ZaakType"),
        "catalogus": _one("Catalogus"),
        "besluittypen": _many("BesluitType"),
        "informatieobjecttypen": _many("InformatieObjectType"),
    },
    "Eigenschap": {"zaaktype": _one("ZaakType"), "catalogus": _one("Catalogus"), "statustype": _one("StatusType")},
    "ZaakObjectType": {
        "zaaktype": _one("ZaakType"),
        "catalogus": _one("Catalogus"),
        "statustypen": _many("StatusType"),
        "resultaattypen": _many("ResultaatType"),
    },
    "Catalogus": {
        "zaaktypen": _many("ZaakType"),
        "besluittypen": _many("BesluitType"),
        "informatieobjecttypen": _many("InformatieObjectType"),
    },
    "InformatieObjectType": {
        "catalogus": _one("Catalogus"),
        "zaaktypen": _many("ZaakType"),
        "besluittypen": _many("BesluitType"),
    },
    "BesluitType": {
        "catalogus": _one("Catalogus"),
        "zaaktypen": _many("ZaakType"),
        "informatieobjecttypen": _many("InformatieObjectType"),
        "resultaattypen": _many("ResultaatType"),
    },
}

Tree = dict[str, "Tree"]


# ---------------------------------------------------------------- parsing


def ensure_format(expand: str) -> list[str]:
    """zrc-026: `expand` is a comma-separated list of dot paths (spaces around the commas are
    tolerated, as in the spec's own example); anything else is 400 `expand-format-error`."""
    items = [item.strip() for item in expand.split(",")]
    if not all(FORMAT.match(item) for item in items):
        raise ValidationProblem.field(
            "expand",
            "expand-format-error",
            "Het expand formaat is ongeldig: geef een komma-gescheiden lijst van (met punten geneste) attribuutnamen op.",
        )
    return items


def ensure_known_path(resource: str, path: list[str]) -> None:
    """zrc-025 / zrc-026: every name of a path is an expandable attribute of the resource at its
    level (Zaken or Catalogi API only); otherwise 400 `expand` / `invalid-expand-field` (as the
    reference implementation; the standard's text mentions a 404)."""
    kind = resource
    for name in path:
        relation = RELATIONS.get(kind, {}).get(name)
        if relation is None:
            raise ValidationProblem.field(
                "expand",
                "invalid-expand-field",
                f"The submitted field {name} did not match any fields in the expandable json.",
            )
        kind = relation.target


def truncate(path: list[str]) -> list[str]:
    """zrc-026: an expand goes at most 3 levels deep; a deeper path is cut, not refused."""
    return path[:MAX_DEPTH]


def parse_expand(resource: str, expand: str) -> list[list[str]]:
    """The validated dot paths of `expand` (each at most 3 levels), in the order given, without
    duplicates; a 400 on a format error or an unknown name, before any work is done."""
    paths: list[list[str]] = []
    for item in ensure_format(expand):
        path = item.split(".")
        ensure_known_path(resource, path)
        path = truncate(path)
        if path not in paths:
            paths.append(path)
    return paths


def _tree(paths: list[list[str]]) -> Tree:
    tree: Tree = {}
    for path in paths:
        node = tree
        for name in path:
            node = node.setdefault(name, {})
    return tree


# ---------------------------------------------------------------- loading


def _local_key(ctx: Context, url: str, kind: str) -> uuid_module.UUID | None:
    """The uuid of a URL of this API's resource `kind` (any host, as `common.local_uuid`)."""
    root = re.escape(ctx.request.app.state.api_root)
    uuid_pattern = r"([0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12})"
    if kind == "zaakeigenschap":
        pattern = rf"{root}/zaken/{uuid_pattern}/zaakeigenschappen/{uuid_pattern}/?"
    else:
        pattern = rf"{root}/{LOCAL_COLLECTIONS[kind]}/{uuid_pattern}/?"
    try:
        match = re.fullmatch(pattern, urlsplit(url).path)
    except ValueError:
        return None
    return uuid_module.UUID(match.groups()[-1]) if match else None


def _child_service(kind: str):
    import importlib

    return importlib.import_module(f"services.zaken.{kind}.router").service


def _load_local(ctx: Context, kind: str, uuids: set[uuid_module.UUID]) -> dict[uuid_module.UUID, dict]:
    """zrc-006: one query for all objects of `kind` at this level, only those of zaken the client
    may see; serialized as their own GET."""
    if not uuids:
        return {}
    visible = visible_clause(ctx.principal, Zaak, (SCOPE_LEZEN,))
    if kind == "zaak":
        from services.zaken.zaak import service as zaak_service

        objects = list(ctx.session.scalars(select(Zaak).where(Zaak.uuid.in_(uuids), visible)))
        serialized = zaak_service.serialize(ctx, objects)
    else:
        service = _child_service(kind)
        if service is None:  # a domain not (yet) wired: nothing to show
            return {}
        query = service.base_query(ctx).where(service.model.uuid.in_(uuids), visible)
        objects = list(ctx.session.scalars(query).unique())
        serialized = service.serialize(ctx, objects)
    return {obj.uuid: body for obj, body in zip(objects, serialized, strict=True)}


class _Loader:
    """The objects of one level: local ones by uuid (one query per kind), Catalogi ones by URL
    (each distinct URL fetched once per request, through the client's cache)."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.remote: dict[str, dict | None] = {}

    def load(self, wanted: dict[str, set[str]]) -> dict[tuple[str, str], dict]:
        found: dict[tuple[str, str], dict] = {}
        for kind, urls in wanted.items():
            if kind in LOCAL_COLLECTIONS:
                keys = {url: self.local_key(url, kind) for url in urls}
                objects = _load_local(self.ctx, kind, {key for key in keys.values() if key is not None})
                for url, key in keys.items():
                    if key in objects:
                        found[(kind, url)] = objects[key]
            else:
                for url in urls:
                    if url not in self.remote:
                        self.remote[url] = catalogi(self.ctx).try_fetch(url)
                    if self.remote[url] is not None:
                        found[(kind, url)] = self.remote[url]
        return found

    def local_key(self, url: str, kind: str) -> uuid_module.UUID | None:
        return _local_key(self.ctx, url, kind)


# ---------------------------------------------------------------- expanding


def _urls(value: Any, relation: Relation) -> list[str]:
    """The URLs of a field's value: a URL, a list of URLs, or a list of objects with a URL."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        urls = []
        for item in value:
            url = item.get(relation.item_key or "url") if isinstance(item, dict) else item
            if isinstance(url, str) and url:
                urls.append(url)
        return urls
    return []


def expand_results(ctx: Context, resource: str, results: list[dict], expand: str) -> None:
    """zrc-025..027: give each result `_expand` with the requested linked resources, level by level
    across all results (a constant number of queries for any page size)."""
    tree = _tree(parse_expand(resource, expand))
    for result in results:
        result["_expand"] = {}
    level: list[tuple[dict, str, Tree]] = [(result, resource, tree) for result in results if tree]
    loader = _Loader(ctx)
    while level:
        wanted: dict[str, set[str]] = {}
        for obj, kind, subtree in level:
            for name in subtree:
                relation = RELATIONS[kind][name]
                wanted.setdefault(relation.target, set()).update(_urls(obj.get(name), relation))
        found = loader.load(wanted)
        next_level: list[tuple[dict, str, Tree]] = []
        for obj, kind, subtree in level:
            embedded = obj.setdefault("_expand", {})
            for name, deeper in subtree.items():
                relation = RELATIONS[kind][name]
                value = obj.get(name)
                targets = []
                for url in _urls(value, relation):
                    body = found.get((relation.target, url))
                    if body is not None:
                        target = copy.deepcopy(body)  # each place gets its own `_expand`
                        targets.append(target)
                        if deeper:
                            next_level.append((target, relation.target, deeper))
                if relation.many or isinstance(value, list):
                    embedded[name] = targets
                else:  # a null or invisible single link is the EmptyObject
                    embedded[name] = targets[0] if targets else {}
        level = next_level
