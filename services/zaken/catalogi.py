"""The Catalogi API as the Zaken API reads it: zaaktype, statustype, roltype, resultaattype,
eigenschap, zaakobjecttype are URLs into any Catalogi API 1.3 (ours or another at another host).

Objects are fetched with httpx under a JWT of this service's own credentials, cached and
revalidated with ETag (shared.remote). A URL that cannot be fetched is `bad-url`; one that
answers but not with the resource (not JSON, JSON of the wrong shape) `invalid-resource`; a concept
zaaktype `not-published`; a peer API that is down (the configured Catalogi API, `ZGW_PEER_API_URLS`)
is a 503, so no zaak is half written.
"""

from shared.errors import ValidationProblem
from shared.remote import ZgwClient, same_url
from shared.resources import Context

# The keys that make a response the resource we expect (`invalid-resource` otherwise): the
# required properties of the Catalogi API 1.3 schemas that this service relies on.
SHAPES = {
    "ZaakType": ("url", "identificatie", "catalogus", "vertrouwelijkheidaanduiding", "doorlooptijd", "statustypen"),
    "StatusType": ("url", "zaaktype", "volgnummer", "omschrijving"),
    "RolType": ("url", "zaaktype", "omschrijving", "omschrijvingGeneriek"),
    "ResultaatType": ("url", "zaaktype", "omschrijving"),
    "Eigenschap": ("url", "zaaktype", "naam", "specificatie"),
    "ZaakObjectType": ("url", "zaaktype", "objecttype"),
}
# Several types share those keys (a statustype has omschrijvingGeneriek too, like a roltype); the
# standard fixes every Catalogi API's paths, so the object's own URL tells its kind.
COLLECTIONS = {
    "ZaakType": "zaaktypen",
    "StatusType": "statustypen",
    "RolType": "roltypen",
    "ResultaatType": "resultaattypen",
    "Eigenschap": "eigenschappen",
    "ZaakObjectType": "zaakobjecttypen",
}


class CatalogiClient(ZgwClient):
    def fetch(self, url: str, resource: str, name: str) -> dict:
        """The Catalogi object at `url`; a 400 on `name` when it is not a `resource`."""
        return self.fetch_resource(url, name, "Catalogi API", resource, SHAPES[resource], COLLECTIONS[resource])

    def zaaktype(self, url: str, name: str = "zaaktype") -> dict:
        """zrc-001: a published zaaktype of a Catalogi API."""
        zaaktype = self.fetch(url, "ZaakType", name)
        if zaaktype.get("concept"):
            raise ValidationProblem.field(name, "not-published", f"Het zaaktype {url} is nog niet gepubliceerd.")
        return zaaktype

    def fetch_type(self, url: str, resource: str, name: str, zaaktype_url: str) -> dict:
        """A statustype/roltype/resultaattype/eigenschap meant for the zaaktype `zaaktype_url`, as
        `fetch`. Not cached yet: that zaaktype's list of them is cached first, so its other types
        cost no request later."""
        self.resolver.cache_with_siblings(url, {"zaaktype": zaaktype_url})
        return self.fetch(url, resource, name)

    def type_of_zaaktype(self, url: str, resource: str, name: str, zaaktype_url: str) -> dict:
        """zrc-016..020: a statustype/roltype/resultaattype/eigenschap of the zaak's own zaaktype
        (`nonFieldErrors` `zaaktype-mismatch` otherwise)."""
        data = self.fetch_type(url, resource, name, zaaktype_url)
        if not same_url(data.get("zaaktype"), zaaktype_url):
            raise ValidationProblem.field("nonFieldErrors", "zaaktype-mismatch", "De referentie hoort niet bij het zaaktype van de zaak.")
        return data


def catalogi(ctx: Context) -> CatalogiClient:
    return ctx.request.app.state.catalogi
