"""The contract a service serves: OpenAPI 3.0.3 (real ZGW clients refuse 3.1), paths relative to
the API root, the standard's error responses and headers."""

import copy
from typing import Any

import yaml
from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from shared.query import query_models, query_parameters

_ERROR_STATUSES = {
    "401": "Unauthorized",
    "403": "Forbidden",
    "406": "Not Acceptable",
    "409": "Conflict",
    "410": "Gone",
    "415": "Unsupported Media Type",
    "429": "Too Many Requests",
    "500": "Internal Server Error",
}

# Any: VALIDATIE_FOUT below extends the nested "properties" of its copy
FOUT: dict[str, Any] = {
    "type": "object",
    "description": "Formaat van HTTP 4xx en 5xx fouten.",
    "properties": {
        "type": {"type": "string", "description": "URI referentie naar het type fout."},
        "code": {"type": "string", "description": "Systeemcode die het type fout aangeeft"},
        "title": {"type": "string", "description": "Generieke titel voor het type fout"},
        "status": {"type": "integer", "description": "De HTTP status code"},
        "detail": {"type": "string", "description": "Extra informatie bij de fout, indien beschikbaar"},
        "instance": {"type": "string", "description": "URI met referentie naar dit specifiek voorkomen van de fout."},
    },
    "required": ["code", "detail", "instance", "status", "title"],
}
FIELD_VALIDATION_ERROR = {
    "type": "object",
    "description": "Formaat van validatiefouten.",
    "properties": {
        "name": {"type": "string", "description": "Naam van het veld met ongeldige gegevens"},
        "code": {"type": "string", "description": "Systeemcode die het type fout aangeeft"},
        "reason": {"type": "string", "description": "Uitleg wat er precies fout is met de gegevens"},
    },
    "required": ["code", "name", "reason"],
}
VALIDATIE_FOUT = copy.deepcopy(FOUT)
VALIDATIE_FOUT["description"] = "Formaat van HTTP 4xx en 5xx fouten, met de velden die ongeldig zijn."
VALIDATIE_FOUT["properties"]["invalidParams"] = {
    "type": "array",
    "items": {"$ref": "#/components/schemas/FieldValidationError"},
}
VALIDATIE_FOUT["required"] = ["code", "detail", "instance", "invalidParams", "status", "title"]

API_VERSION_HEADER = {
    "schema": {"type": "string"},
    "description": "Geeft een specifieke API-versie aan in de context van een specifieke aanroep. Voorbeeld: 1.2.1.",
}
ETAG_HEADER = {
    "schema": {"type": "string"},
    "description": "De ETag berekend op de response body JSON.",
}


def _to_30(node):
    """Rewrite JSON Schema 2020-12 (pydantic) into the OpenAPI 3.0 dialect."""
    if isinstance(node, list):
        return [_to_30(n) for n in node]
    if not isinstance(node, dict):
        return node
    node = {k: _to_30(v) for k, v in node.items()}
    for key in ("anyOf", "oneOf"):
        options = node.get(key)
        if isinstance(options, list) and any(o == {"type": "null"} for o in options):
            rest = [o for o in options if o != {"type": "null"}]
            del node[key]
            node["nullable"] = True
            if len(rest) == 1:
                only = rest[0]
                if "$ref" in only:
                    node["allOf"] = [only]
                else:
                    node.update({k: v for k, v in only.items() if k not in node or k == "type"})
            else:
                node[key] = rest
    if isinstance(node.get("type"), list):
        types = [t for t in node["type"] if t != "null"]
        if len(types) < len(node["type"]):
            node["nullable"] = True
        node["type"] = types[0] if len(types) == 1 else types
    if "const" in node:
        node["enum"] = [node.pop("const")]
    if "examples" in node:
        examples = node.pop("examples")
        if isinstance(examples, list) and examples:
            node["example"] = examples[0]
    if isinstance(node.get("exclusiveMinimum"), (int, float)) and not isinstance(node["exclusiveMinimum"], bool):
        node["minimum"] = node["exclusiveMinimum"]
        node["exclusiveMinimum"] = True
    if isinstance(node.get("exclusiveMaximum"), (int, float)) and not isinstance(node["exclusiveMaximum"], bool):
        node["maximum"] = node["exclusiveMaximum"]
        node["exclusiveMaximum"] = True
    if "$ref" in node and len(node) > 1:
        ref = node.pop("$ref")
        node.setdefault("allOf", []).insert(0, {"$ref": ref})
    node.pop("$schema", None)
    node.pop("contentMediaType", None)
    return node


def _problem(description: str, schema: str) -> dict:
    return {
        "description": description,
        "headers": {"API-version": API_VERSION_HEADER},
        "content": {"application/problem+json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def api_routes(routes):
    """Every operation among `routes`, those of included routers too."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):  # an included router
            yield from api_routes(route.original_router.routes)


_NAMING_KEYS = ("tags", "summary", "description", "operationId", "deprecated", "security")


def _document_query_models(raw: dict, routes) -> None:
    """The parameters of the query models an operation reads (shared.query), first among its query
    parameters, as FastAPI documents `Annotated[Model, Query()]` as an endpoint's first query
    parameter."""
    models = {}
    for route in api_routes(routes):
        if found := query_models(route.dependant):
            if not route.operation_id:
                raise ValueError(f"{route.path}: an operation that reads a query model needs an operation_id")
            models[route.operation_id] = found
    for operations in raw.get("paths", {}).values():
        for operation in operations.values():
            read = models.get(operation.get("operationId"))
            if not read:
                continue
            documented = [copy.deepcopy(p) for model in read for p in query_parameters(model)]
            if "parameters" in operation:
                # path parameters come first, then query, header and cookie parameters
                parameters = operation["parameters"]
                at = next((i for i, p in enumerate(parameters) if p["in"] != "path"), len(parameters))
                parameters[at:at] = documented
            else:  # where FastAPI puts them: after the operation's names, before its body and responses
                keys = list(operation)
                at = next((i for i, key in enumerate(keys) if key not in _NAMING_KEYS), len(keys))
                items = list(operation.items())
                operation.clear()
                operation.update(items[:at] + [("parameters", documented)] + items[at:])


def build_openapi(app: FastAPI, *, title: str, version: str, description: str, api_root: str, tags: list[dict]) -> dict:
    raw = get_openapi(title=title, version=version, description=description, routes=app.routes)
    _document_query_models(raw, app.routes)
    spec = _to_30(raw)
    spec["openapi"] = "3.0.3"
    spec["servers"] = [{"url": api_root}]
    spec["security"] = [{"JWT-Claims": []}]
    spec["tags"] = tags
    components = spec.setdefault("components", {})
    components["securitySchemes"] = {"JWT-Claims": {"type": "http", "bearerFormat": "JWT", "scheme": "bearer"}}
    schemas = components.setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    schemas["Fout"] = FOUT
    schemas["ValidatieFout"] = VALIDATIE_FOUT
    schemas["FieldValidationError"] = FIELD_VALIDATION_ERROR

    paths = {}
    for path, operations in spec.get("paths", {}).items():
        if not path.startswith(api_root):
            continue
        relative = path[len(api_root) :] or "/"
        if relative in ("/openapi.yaml", "/schema/openapi.yaml"):
            continue
        for method, operation in operations.items():
            for param in operation.get("parameters", []):
                schema = param.get("schema", {})
                schema.pop("nullable", None)  # a query parameter is absent, never null
                schema.pop("title", None)
                if schema.pop("x-comma-separated", False):
                    # style form, explode false: `?trefwoorden=a,b`
                    items = {"type": "string"}
                    if "x-items-enum" in schema:
                        items["enum"] = schema.pop("x-items-enum")
                    param["schema"] = {"type": "array", "items": items}
                    param["style"] = "form"
                    param["explode"] = False
            responses = operation.setdefault("responses", {})
            responses.pop("422", None)
            # an ETag where the operation answers If-None-Match (detail_response), nowhere else
            conditional = any(p.get("in") == "header" and p.get("name") == "If-None-Match" for p in operation.get("parameters", []))
            for status, response in responses.items():
                if status.startswith("2") and status != "204":
                    headers = response.setdefault("headers", {})
                    headers["API-version"] = API_VERSION_HEADER
                    if conditional:
                        headers["ETag"] = ETAG_HEADER
                    if status == "201":
                        headers["Location"] = {"schema": {"type": "string", "format": "uri"}, "description": "URL waar de resource leeft."}
            if conditional:
                responses.setdefault("304", {"description": "Not modified: de ETag in If-None-Match is de huidige."})
            if method == "head":
                for status, description in (("401", "Unauthorized"), ("403", "Forbidden"), ("404", "Not found")):
                    responses.setdefault(status, {"description": description})
                for response in responses.values():
                    response.pop("content", None)
                continue
            # a POST without a body is an action with rules of its own (a lock on a locked
            # document, a publish of an incomplete type): its refusal is a ValidatieFout too
            if method == "post" or operation.get("requestBody") or any(p.get("in") == "query" for p in operation.get("parameters", [])):
                responses.setdefault("400", _problem("Bad request", "ValidatieFout"))
            if "{" in relative or any(p.get("name") == "page" for p in operation.get("parameters", [])):
                # a detail that does not exist, or a page beyond the last
                responses.setdefault("404", _problem("Not found", "Fout"))
            for status, description in _ERROR_STATUSES.items():
                responses.setdefault(status, _problem(description, "Fout"))
            if method in ("post", "put", "patch") and operation.get("requestBody"):
                params = operation.setdefault("parameters", [])
                if not any(p.get("name") == "Content-Type" for p in params):
                    params.append(
                        {
                            "in": "header",
                            "name": "Content-Type",
                            "schema": {"type": "string", "enum": ["application/json"]},
                            "description": "Content type van de verzoekinhoud.",
                            "required": True,
                        }
                    )
        paths[relative] = operations
    # in alphabetical order, as the official specs list them, whatever order the routers are
    # included in (that order is the cost of matching a request: shared.app.create_service_app)
    spec["paths"] = dict(sorted(paths.items()))
    return spec


def to_yaml(spec: dict) -> str:
    return yaml.safe_dump(spec, sort_keys=False, allow_unicode=True, width=120)
