"""Coordinate Reference System negotiation: the `Accept-Crs` / `Content-Crs` headers of the standard.

Behaviour of the reference implementation (vng-api-common `geo.py`, `GeoMixin.perform_crs_negotation`),
used on every operation of a resource with geometry (the Zaken API: all `/zaken` operations):

- POST/PUT/PATCH need `Content-Crs` (the CRS of the geometry in the request body): missing -> 412
  `precondition_failed`, any value but `EPSG:4326` -> 406 `not_acceptable`;
- every operation but DELETE needs `Accept-Crs` (the CRS wanted in the response), with the same rules;
- every response of such an operation carries `Content-Crs: EPSG:4326` (DRF `default_response_headers`,
  so error responses too).

Only EPSG:4326 (WGS84, the GeoJSON default) is supported, as in the reference implementation.

Wiring an operation (both parts are needed):

    @router.post("/zaken", openapi_extra=crs_openapi(201), ...)
    def zaak_create(request, session, principal: ..., _crs: CrsNegotiation, data: ...): ...

Put the dependency after the principal parameter: FastAPI solves parameter dependencies in order, so
401/403 come before 412/406 as in the reference implementation (DRF `initial()`: authentication,
permissions, then CRS negotiation). Route-level `dependencies=[...]` run before all parameters.

The dependencies read the headers from the request instead of declaring FastAPI `Header` parameters:
a declared header is either required (missing -> 400 validation error, not the standard's 412) or
documented as optional. `crs_openapi` documents them exactly as the official spec does.
"""

import copy
from typing import Annotated

from fastapi import Depends, Request

from shared.errors import NotAcceptable, PreconditionFailed
from shared.http import add_response_header
from shared.openapi import _problem

HEADER_ACCEPT = "Accept-Crs"
HEADER_CONTENT = "Content-Crs"
DEFAULT_CRS = "EPSG:4326"

# vng-api-common exceptions.PreconditionFailed: code `precondition_failed`, title "Precondition failed"
# (Dutch in its locale: "Voorwaarde is niet vervuld"); DRF NotAcceptable: code `not_acceptable`.
PRECONDITION_TITLE = "Voorwaarde is niet vervuld"

_BODY_METHODS = ("POST", "PUT", "PATCH")

# The official spec's definitions (zaken-1.5.1.yaml, every /zaken operation).
ACCEPT_CRS_PARAMETER = {
    "in": "header",
    "name": HEADER_ACCEPT,
    "schema": {"type": "string", "enum": [DEFAULT_CRS]},
    "description": "Het gewenste 'Coordinate Reference System' (CRS) van de geometrie in het antwoord (response body). "
    "Volgens de GeoJSON spec is WGS84 de default (EPSG:4326 is hetzelfde als WGS84).",
    "required": True,
}
CONTENT_CRS_PARAMETER = {
    "in": "header",
    "name": HEADER_CONTENT,
    "schema": {"type": "string", "enum": [DEFAULT_CRS]},
    "description": "Het 'Coordinate Reference System' (CRS) van de geometrie in de vraag (request body). "
    "Volgens de GeoJSON spec is WGS84 de default (EPSG:4326 is hetzelfde als WGS84).",
    "required": True,
}
CONTENT_CRS_RESPONSE_HEADER = {
    "schema": {"type": "string", "enum": [DEFAULT_CRS]},
    "description": CONTENT_CRS_PARAMETER["description"],
}


def _check(request: Request, header: str) -> None:
    value = request.headers.get(header)
    if value is None:
        raise PreconditionFailed(f"'{header}' header ontbreekt", title=PRECONDITION_TITLE)
    if value != DEFAULT_CRS:  # an empty header is present, so 406 as in the reference implementation
        raise NotAcceptable(f"CRS '{value}' is niet ondersteund")


# The CRS dependencies are async: header checks without I/O run on the event loop (a sync
# dependency costs each request a round trip to the thread pool).


async def content_crs(request: Request) -> None:
    """Dependency: a request body's geometry must be in EPSG:4326 (`Content-Crs`; missing 412, other 406).

    Only checked on POST/PUT/PATCH (the methods with a body), so it is safe on any operation.
    """
    add_response_header(request, HEADER_CONTENT, DEFAULT_CRS)
    if request.method in _BODY_METHODS:
        _check(request, HEADER_CONTENT)


async def accept_crs(request: Request) -> None:
    """Dependency: the client must ask for EPSG:4326 (`Accept-Crs`; missing 412, other 406).

    Not checked on DELETE (the reference implementation skips the `destroy` action). The response,
    also an error response, carries `Content-Crs: EPSG:4326`.
    """
    add_response_header(request, HEADER_CONTENT, DEFAULT_CRS)
    if request.method != "DELETE":
        _check(request, HEADER_ACCEPT)


async def crs_negotiation(request: Request) -> None:
    """Dependency for every operation of a geo resource: `content_crs` then `accept_crs`, the order
    of the reference implementation (both missing on a POST: the 412 names `Content-Crs`)."""
    await content_crs(request)
    await accept_crs(request)


AcceptCrs = Annotated[None, Depends(accept_crs)]
ContentCrs = Annotated[None, Depends(content_crs)]
CrsNegotiation = Annotated[None, Depends(crs_negotiation)]


def crs_responses(success_status: int | str | None = 200) -> dict:
    """`responses=` entries: the 412 (`Fout`) and the `Content-Crs` header on the success response
    (`success_status`; none for None or 204, which has no body and no header in the official spec)."""
    responses: dict = {"412": _problem("Precondition failed", "Fout")}
    if success_status is not None and str(success_status) != "204":
        responses[str(success_status)] = {"headers": {HEADER_CONTENT: CONTENT_CRS_RESPONSE_HEADER}}
    # fresh copies: the contract builder edits operations in place
    return copy.deepcopy(responses)


def crs_openapi(success_status: int | str | None = 200) -> dict:
    """`openapi_extra=` for a geo operation: both headers as parameters (required, enum EPSG:4326:
    the official spec lists both on every /zaken operation, also GET and DELETE) plus `crs_responses`.

    FastAPI deep-merges this into the generated operation (the responses) and appends the parameters.
    """
    return {
        "parameters": copy.deepcopy([ACCEPT_CRS_PARAMETER, CONTENT_CRS_PARAMETER]),
        "responses": crs_responses(success_status),
    }
