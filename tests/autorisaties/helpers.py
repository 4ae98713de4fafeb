ZAAKTYPE = "https://catalogi.example/catalogi/api/v1/zaaktypen/0c6b4e4b-1c4c-4c8e-9b63-7c7e1f2a0001"
IOTYPE = "https://catalogi.example/catalogi/api/v1/informatieobjecttypen/0c6b4e4b-1c4c-4c8e-9b63-7c7e1f2a0002"
BESLUITTYPE = "https://catalogi.example/catalogi/api/v1/besluittypen/0c6b4e4b-1c4c-4c8e-9b63-7c7e1f2a0003"
CATALOGUS = "https://catalogi.example/catalogi/api/v1/catalogussen/0c6b4e4b-1c4c-4c8e-9b63-7c7e1f2a0004"


def zrc(scopes=("zaken.lezen",), zaaktype=ZAAKTYPE, maximum="openbaar", **extra) -> dict:
    return {"component": "zrc", "scopes": list(scopes), "zaaktype": zaaktype, "maxVertrouwelijkheidaanduiding": maximum, **extra}


def applicatie_body(client_ids=("app-1",), label="Een applicatie", **fields) -> dict:
    body = {"clientIds": list(client_ids), "label": label}
    if "autorisaties" not in fields and "heeftAlleAutorisaties" not in fields:
        fields["autorisaties"] = [zrc()]
    body.update(fields)
    return body


def create_applicatie(client, **fields) -> dict:
    response = client.post("/applicaties", json=applicatie_body(**fields))
    assert response.status_code == 201, response.text
    return response.json()
