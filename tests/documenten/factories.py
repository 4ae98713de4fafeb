"""Valid Documenten request bodies, on a published informatieobjecttype of the Catalogi service."""

import base64

from tests.catalogi import factories as ztc


def published_iotype(catalogi, **overrides) -> dict:
    return ztc.create_published_informatieobjecttype(catalogi, **overrides)


def document_body(iotype_url: str, content: bytes | None = b"hallo wereld", **overrides) -> dict:
    body = {
        "bronorganisatie": "000000000",
        "creatiedatum": "2026-01-05",
        "titel": "Aanvraag",
        "auteur": "Aanvrager",
        "taal": "dut",
        "formaat": "text/plain",
        "bestandsnaam": "aanvraag.txt",
        "informatieobjecttype": iotype_url,
    }
    if content is not None:
        body["inhoud"] = base64.b64encode(content).decode()
    return {**body, **overrides}


def create_document(documenten, iotype_url: str, content: bytes | None = b"hallo wereld", **overrides) -> dict:
    response = documenten.post("/enkelvoudiginformatieobjecten", json=document_body(iotype_url, content, **overrides))
    assert response.status_code == 201, response.text
    return response.json()


def lock(documenten, url: str) -> str:
    response = documenten.post(f"{url}/lock")
    assert response.status_code == 200, response.text
    return response.json()["lock"]
