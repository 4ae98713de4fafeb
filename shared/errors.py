"""Problem details (`application/problem+json`): `Fout` and `ValidatieFout`.

Business errors are exceptions with their own status, mapped to a response in one place
(`install_error_handlers`). Field names in `invalidParams` are the API's camelCase names,
dotted for nested fields (`brondatumArchiefprocedure.afleidingswijze`, `relevanteAndereZaken.0.url`).
"""

import logging
import uuid
from dataclasses import dataclass

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("zgw.errors")

PROBLEM_JSON = "application/problem+json"


@dataclass(frozen=True)
class InvalidParam:
    name: str
    code: str
    reason: str

    def as_dict(self) -> dict:
        return {"name": self.name, "code": self.code, "reason": self.reason}


class ProblemError(Exception):
    status = 500
    code = "error"
    title = "Er is een serverfout opgetreden."
    type_name = "APIException"

    def __init__(self, detail: str | None = None, *, code: str | None = None, title: str | None = None):
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        if code:
            self.code = code
        if title:
            self.title = title

    def body(self, request: Request) -> dict:
        return {
            "type": f"{str(request.base_url).rstrip('/')}/ref/fouten/{self.type_name}/",
            "code": self.code,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "instance": f"urn:uuid:{uuid.uuid4()}",
        }

    def headers(self) -> dict[str, str]:
        return {}


class ValidationProblem(ProblemError):
    """400 `ValidatieFout`; raise with one or more `InvalidParam`s."""

    status = 400
    code = "invalid"
    title = "Invalid input."
    type_name = "ValidationError"

    def __init__(self, *params: InvalidParam, detail: str | None = None):
        super().__init__(detail or (params[0].reason if params else self.title))
        self.invalid_params = list(params)

    @classmethod
    def field(cls, name: str, code: str, reason: str) -> "ValidationProblem":
        return cls(InvalidParam(name, code, reason))

    def body(self, request: Request) -> dict:
        data = super().body(request)
        data["invalidParams"] = [p.as_dict() for p in self.invalid_params]
        return data


class NotAuthenticated(ProblemError):
    status = 401
    code = "not_authenticated"
    title = "Authenticatiegegevens zijn niet opgegeven."
    type_name = "NotAuthenticated"

    def headers(self) -> dict[str, str]:
        return {"WWW-Authenticate": 'Bearer realm="zgw"'}


class PermissionDenied(ProblemError):
    status = 403
    code = "permission_denied"
    title = "Je hebt geen toestemming om deze actie uit te voeren."
    type_name = "PermissionDenied"


class NotFound(ProblemError):
    status = 404
    code = "not_found"
    title = "Niet gevonden."
    type_name = "NotFound"


class MethodNotAllowed(ProblemError):
    status = 405
    code = "method_not_allowed"
    title = "Methode niet toegestaan."
    type_name = "MethodNotAllowed"


class NotAcceptable(ProblemError):
    status = 406
    code = "not_acceptable"
    title = "Kan niet voldoen aan de opgegeven Accept header."
    type_name = "NotAcceptable"


class Conflict(ProblemError):
    status = 409
    code = "conflict"
    title = "Conflict."
    type_name = "Conflict"


class PreconditionFailed(ProblemError):
    status = 412
    code = "precondition_failed"
    title = "Voorwaarde waaraan niet voldaan is."
    type_name = "PreconditionFailed"


class PayloadTooLarge(ProblemError):
    status = 413
    code = "payload_too_large"
    title = "Het verzoek is te groot."
    type_name = "PayloadTooLarge"


class UnsupportedMediaType(ProblemError):
    status = 415
    code = "unsupported_media_type"
    title = "Niet-ondersteund mediatype in verzoek."
    type_name = "UnsupportedMediaType"


class BadGateway(ProblemError):
    status = 502
    code = "bad_gateway"
    title = "Een externe API gaf geen bruikbaar antwoord."
    type_name = "BadGateway"


class ServiceUnavailable(ProblemError):
    status = 503
    code = "service_unavailable"
    title = "Een benodigde externe API is niet bereikbaar."
    type_name = "ServiceUnavailable"


def problem_response(request: Request, exc: ProblemError) -> JSONResponse:
    return JSONResponse(exc.body(request), status_code=exc.status, media_type=PROBLEM_JSON, headers=exc.headers())


# pydantic error type -> the standard's (DRF) error code
_PYDANTIC_CODES = {
    "missing": "required",
    "string_too_long": "max_length",
    "too_long": "max_length",
    "string_too_short": "min_length",
    "too_short": "min_length",
    "enum": "invalid_choice",
    "literal_error": "invalid_choice",
    "greater_than_equal": "min_value",
    "greater_than": "min_value",
    "less_than_equal": "max_value",
    "less_than": "max_value",
    "list_type": "not_a_list",
    "json_invalid": "parse_error",
    "string_pattern_mismatch": "invalid",
    "uuid_parsing": "invalid",
    "uuid_type": "invalid",
}


def _is_union_member(part: str) -> bool:
    return (
        part.startswith(("function-", "literal[", "list[", "dict[", "constrained-"))
        or part in ("str", "int", "float", "bool", "date", "datetime", "none")
        or (part[:1].isupper() and part.isalnum())
    )


def _param_name(loc: tuple) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:]
    # pydantic names the member of a union it tried (`str`, `literal['']`, `function-after[...]`,
    # a model class name); the API field name is what the client needs
    parts = [p for p in parts if not _is_union_member(p)]
    return ".".join(parts) or "nonFieldErrors"


def invalid_params_from_pydantic(errors) -> list[InvalidParam]:
    params: list[InvalidParam] = []
    seen: set[tuple[str, str]] = set()
    for err in errors:
        err_type = err.get("type", "")
        if err_type.startswith("zgw:"):  # our own PydanticCustomError codes
            code = err_type[4:]
        elif "input" in err and err["input"] is None and err_type != "missing":
            code = "null"
        elif err_type in ("string_too_short",) and err.get("input") == "":
            code = "blank"
        else:
            code = _PYDANTIC_CODES.get(err_type, "invalid")
        loc = tuple(err.get("loc", ()))
        if err_type == "json_invalid" or loc in (("body",), ()):
            name = "nonFieldErrors"
        else:
            name = _param_name(loc)
        if (name, code) in seen:
            continue
        seen.add((name, code))
        params.append(InvalidParam(name, code, str(err.get("msg", "Ongeldige invoer."))))
    return params


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ProblemError)
    async def _problem(request: Request, exc: ProblemError):
        return problem_response(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        params = invalid_params_from_pydantic(exc.errors())
        # a malformed path (e.g. a uuid that is no uuid) means: no such resource
        if params and all(str(e.get("loc", ("",))[0]) == "path" for e in exc.errors()):
            return problem_response(request, NotFound())
        return problem_response(request, ValidationProblem(*params))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        mapping = {404: NotFound, 405: MethodNotAllowed, 406: NotAcceptable, 415: UnsupportedMediaType}
        cls = mapping.get(exc.status_code)
        if cls is None:
            problem = ProblemError(str(exc.detail))
            problem.status = exc.status_code
            problem.code = "error"
        else:
            problem = cls()
        return problem_response(request, problem)

    @app.exception_handler(DataError)
    async def _data_error(request: Request, exc: DataError):
        # the database refused a value that validation let through: the input's fault, and a bug
        # in validation worth a log line
        log.warning("database refused input on %s %s: %s", request.method, request.url.path, exc.orig)
        return problem_response(
            request, ValidationProblem(InvalidParam("nonFieldErrors", "invalid", "De invoer kan niet worden opgeslagen."))
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(request, ProblemError())
