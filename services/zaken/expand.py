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
import functools
import uuid as uuid_module
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from services.zaken.access import SCOPE_LEZEN, visible_clause
from services.zaken.catalogi import catalogi
from services.zaken.zaak.models import Zaak
from shared.expand import ensure_format, invalid_expand_field
from shared.resources import Context, ExpandHook, local_uuid

if TYPE_CHECKING:
    from services.zaken.resource import ZakenResource

MAX_DEPTH = 3


@dataclass(frozen=True)
class Relation:
    target: str  # a local kind, or a Catalogi resource name (ZaakType, StatusType, ...)
    many: bool = False
    item_key: str | None = None  # for a list of objects: the key holding the URL


def one(target: str) -> Relation:
    return Relation(target)


def many(target: str, item_key: str | None = None) -> Relation:
    return Relation(target, True, item_key)


# What each Catalogi resource may expand (the local resources declare theirs, `ZakenResource.expandable`).
CATALOGI_RELATIONS: dict[str, dict[str, Relation]] = {
    # Catalogi API 1.3.1: the fields whose values are URLs into the Catalogi API itself (not
    # selectielijst, referentielijsten or Objecttypen URLs, zrc-025).
    "ZaakType": {
        "catalogus": one("Catalogus"),
        "statustypen": many("StatusType"),
        "resultaattypen": many("ResultaatType"),
        "eigenschappen": many("Eigenschap"),
        "informatieobjecttypen": many("InformatieObjectType"),
        "roltypen": many("RolType"),
        "besluittypen": many("BesluitType"),
        "zaakobjecttypen": many("ZaakObjectType"),
        "deelzaaktypen": many("ZaakType"),
        "gerelateerdeZaaktypen": many("ZaakType", "zaaktype"),
    },
    "StatusType": {"zaaktype": one("ZaakType"), "catalogus": one("Catalogus"), "eigenschappen": many("Eigenschap")},
    "RolType": {"zaaktype": one("ZaakType"), "catalogus": one("Catalogus")},
    "ResultaatType": {
        "zaaktype": one("ZaakType"),
        "catalogus": one("Catalogus"),
        "besluittypen": many("BesluitType"),
        "informatieobjecttypen": many("InformatieObjectType"),
    },
    "Eigenschap": {"zaaktype": one("ZaakType"), "catalogus": one("Catalogus"), "statustype": one("StatusType")},
    "ZaakObjectType": {
        "zaaktype": one("ZaakType"),
        "catalogus": one("Catalogus"),
        "statustypen": many("StatusType"),
        "resultaattypen": many("ResultaatType"),
    },
    "Catalogus": {
        "zaaktypen": many("ZaakType"),
        "besluittypen": many("BesluitType"),
        "informatieobjecttypen": many("InformatieObjectType"),
    },
    "InformatieObjectType": {
        "catalogus": one("Catalogus"),
        "zaaktypen": many("ZaakType"),
        "besluittypen": many("BesluitType"),
    },
    "BesluitType": {
        "catalogus": one("Catalogus"),
        "zaaktypen": many("ZaakType"),
        "informatieobjecttypen": many("InformatieObjectType"),
        "resultaattypen": many("ResultaatType"),
    },
}

Tree = dict[str, "Tree"]


@functools.cache
def local_resources() -> dict[str, "ZakenResource"]:
    """The resources of this API by name (services/zaken/resources.py), read on first use: that
    list imports every router, the zaak's among them, which imports this module."""
    from services.zaken.resources import RESOURCES

    return {resource.name: resource for resource in RESOURCES}


def relations_of(kind: str) -> Mapping[str, Relation]:
    """What `expand` may follow from a resource of this API or of the Catalogi API (zrc-025)."""
    local = local_resources().get(kind)
    return local.expandable if local is not None else CATALOGI_RELATIONS.get(kind, {})


# ---------------------------------------------------------------- parsing


def ensure_known_path(resource: str, path: list[str]) -> None:
    """zrc-025 / zrc-026: every name of a path is an expandable attribute of the resource at its
    level (Zaken or Catalogi API only); otherwise 400 `expand` / `invalid-expand-field` (as the
    reference implementation; the standard's text mentions a 404)."""
    kind = resource
    for name in path:
        relation = relations_of(kind).get(name)
        if relation is None:
            raise invalid_expand_field(name)
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


def _local_key(ctx: Context, url: str, resource: "ZakenResource") -> uuid_module.UUID | None:
    """The uuid of a URL of this API's `resource` (any host, as `local_uuid`)."""
    parent = resource.spec.parent
    return local_uuid(ctx, url, resource.spec.collection, parent=parent.collection if parent else None)


def _load_local(ctx: Context, resource: "ZakenResource", uuids: set[uuid_module.UUID]) -> dict[uuid_module.UUID, dict]:
    """zrc-006: one query for all objects of `resource` at this level, only those of zaken the
    client may see; serialized as their own GET."""
    if not uuids:
        return {}
    service = resource.service
    visible = visible_clause(ctx.principal, Zaak, (SCOPE_LEZEN,))
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
        local = local_resources()
        for kind, urls in wanted.items():
            if kind in local:
                keys = {url: _local_key(self.ctx, url, local[kind]) for url in urls}
                objects = _load_local(self.ctx, local[kind], {key for key in keys.values() if key is not None})
                for url, key in keys.items():
                    if key in objects:
                        found[(kind, url)] = objects[key]
            else:
                for url in urls:
                    if url not in self.remote:
                        self.remote[url] = catalogi(self.ctx).try_fetch(url)
                    body = self.remote[url]
                    if body is not None:
                        found[(kind, url)] = body
        return found


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
                relation = relations_of(kind)[name]
                wanted.setdefault(relation.target, set()).update(_urls(obj.get(name), relation))
        found = loader.load(wanted)
        next_level: list[tuple[dict, str, Tree]] = []
        for obj, kind, subtree in level:
            embedded = obj.setdefault("_expand", {})
            for name, deeper in subtree.items():
                relation = relations_of(kind)[name]
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


def expand_hook(resource: str, read_model: type[BaseModel]) -> ExpandHook:
    """`expand` on the list and detail of `resource` (its `read_model` shows `_expand`)."""
    return ExpandHook(
        read_model=read_model,
        check=lambda expand: parse_expand(resource, expand),
        apply=lambda ctx, results, expand: expand_results(ctx, resource, results, expand),
    )
