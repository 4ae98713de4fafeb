"""ztc-001 / ztc-002: selectielijst and resultaattypeomschrijving references are checked against
the Referentielijsten API (`CATALOGI_REFERENTIELIJSTEN_API_URL`)."""

import httpx

from services.catalogi.settings import CatalogiSettings
from shared.errors import ValidationProblem
from shared.remote import RemoteError, RemoteResolver, remote_problem
from shared.resources import Context

# The keys that make a response the resource we expect (`invalid-resource` otherwise).
_SHAPES = {
    "ProcesType": ("url", "nummer", "naam", "jaar"),
    "Resultaat": ("url", "procesType", "waardering"),
    "ResultaattypeOmschrijvingGeneriek": ("url", "omschrijving", "definitie"),
}


class Referentielijsten:
    def __init__(
        self,
        settings: CatalogiSettings,
        *,
        timeout: float,
        cache_seconds: float,
        transport: httpx.BaseTransport | None = None,
        peers: list[str] | tuple[str, ...] = (),
    ):
        self.validate = settings.selectielijst_validation
        self.resolver = RemoteResolver(timeout=timeout, cache_seconds=cache_seconds, transport=transport, peers=peers)

    def fetch(self, url: str, resource: str, name: str) -> dict | None:
        """The referenced object; a 400 on `name` when it is not one (unless validation is off)."""
        try:
            data = self.resolver.get_json(url)
        except RemoteError as exc:
            if not self.validate:
                return None
            raise remote_problem(exc, name, "Referentielijsten API") from None
        if not isinstance(data, dict) or any(key not in data for key in _SHAPES[resource]):
            if not self.validate:
                return None
            raise ValidationProblem.field(name, "invalid-resource", f"De URL {url} verwijst niet naar een {resource}.")
        return data

    def procestype(self, url: str, name: str = "selectielijstProcestype") -> dict | None:
        """ztc-001: zaaktype.selectielijstProcestype is a Procestype of the selectielijst."""
        return self.fetch(url, "ProcesType", name)

    def resultaat(self, url: str, name: str = "selectielijstklasse") -> dict | None:
        """ztc-002: resultaattype.selectielijstklasse is a Resultaat of the selectielijst."""
        return self.fetch(url, "Resultaat", name)

    def resultaattypeomschrijving(self, url: str, name: str = "resultaattypeomschrijving") -> dict | None:
        """ztc-002: resultaattype.resultaattypeomschrijving is a generic resultaattypeomschrijving."""
        return self.fetch(url, "ResultaattypeOmschrijvingGeneriek", name)


def referentielijsten(ctx: Context) -> Referentielijsten:
    return ctx.request.app.state.referentielijsten
