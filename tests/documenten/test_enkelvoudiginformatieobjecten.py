"""Enkelvoudiginformatieobjecten: create, read, versions, lock, update, download, delete, and
the rules drc-001, -005, -006, -007, -008, -009, -010."""

import base64

import pytest

from tests.documenten.factories import create_document, document_body, lock, published_iotype

COLLECTION = "/enkelvoudiginformatieobjecten"


@pytest.fixture
def iotype(catalogi) -> dict:
    return published_iotype(catalogi, vertrouwelijkheidaanduiding="zaakvertrouwelijk")


def test_create_retrieve_and_download(documenten, iotype, documenten_outbox):
    document = create_document(documenten, iotype["url"], b"de inhoud")
    assert document["versie"] == 1
    assert document["identificatie"].startswith("DOCUMENT-2026-")
    assert document["bestandsomvang"] == len(b"de inhoud")
    assert document["inhoud"] == f"{document['url']}/download?versie=1"
    assert document["locked"] is False and document["lock"] == "" and document["bestandsdelen"] == []

    shown = documenten.get(document["url"])
    assert shown.status_code == 200 and "ETag" in shown.headers
    assert documenten.get(document["url"], headers={"If-None-Match": shown.headers["ETag"]}).status_code == 304

    download = documenten.get(document["inhoud"])
    assert download.status_code == 200
    assert download.content == b"de inhoud"
    # the contract documents one media type for the download; `formaat` says what the bytes are
    assert download.headers["content-type"] == "application/octet-stream"
    assert "aanvraag.txt" in download.headers["content-disposition"]

    [message] = documenten_outbox()
    assert message["kanaal"] == "documenten" and message["actie"] == "create"
    assert message["kenmerken"]["informatieobjecttype"] == iotype["url"]


def test_drc007_vertrouwelijkheid_from_the_informatieobjecttype(documenten, iotype):
    assert create_document(documenten, iotype["url"])["vertrouwelijkheidaanduiding"] == "zaakvertrouwelijk"
    explicit = create_document(documenten, iotype["url"], vertrouwelijkheidaanduiding="openbaar")
    assert explicit["vertrouwelijkheidaanduiding"] == "openbaar"


def test_drc001_informatieobjecttype_must_resolve_and_be_published(documenten, catalogi):
    from tests.catalogi import factories as ztc

    concept = ztc.create_informatieobjecttype(catalogi)
    response = documenten.post(COLLECTION, json=document_body(concept["url"]))
    assert response.status_code == 400
    assert response.json()["invalidParams"][0] == {
        **response.json()["invalidParams"][0],
        "name": "informatieobjecttype",
        "code": "not-published",
    }
    missing = documenten.post(
        COLLECTION, json=document_body("http://testserver/catalogi/api/v1/informatieobjecttypen/00000000-0000-0000-0000-000000000000")
    )
    assert missing.status_code == 400 and missing.json()["invalidParams"][0]["code"] == "bad-url"


@pytest.mark.parametrize("status", ["in_bewerking", "ter_vaststelling"])
def test_drc005_received_documents_are_not_in_progress(documenten, iotype, status):
    response = documenten.post(COLLECTION, json=document_body(iotype["url"], status=status, ontvangstdatum="2026-01-05"))
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "status"
    assert response.json()["invalidParams"][0]["code"] == "invalid_for_received"


def test_drc006_indicatie_gebruiksrecht_needs_gebruiksrechten(documenten, iotype):
    assert create_document(documenten, iotype["url"])["indicatieGebruiksrecht"] is None
    response = documenten.post(COLLECTION, json=document_body(iotype["url"], indicatieGebruiksrecht=True))
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "missing-gebruiksrechten"


def test_drc009_drc010_updates_need_the_lock_and_make_versions(documenten, iotype):
    document = create_document(documenten, iotype["url"], b"eerste")
    url = document["url"]
    body = document_body(iotype["url"], b"tweede", titel="Aangepast")

    unlocked = documenten.put(url, json={**body, "lock": "iets"})
    assert unlocked.status_code == 400 and unlocked.json()["invalidParams"][0]["code"] == "unlocked"
    assert documenten.patch(url, json={"titel": "x"}).json()["invalidParams"][0]["code"] == "unlocked"

    lock_id = lock(documenten, url)
    assert len(lock_id) >= 32
    again = documenten.post(f"{url}/lock")
    assert again.status_code == 400 and again.json()["invalidParams"][0]["code"] == "existing-lock"
    missing = documenten.put(url, json=body)
    assert missing.status_code == 400 and missing.json()["invalidParams"][0] == {
        **missing.json()["invalidParams"][0],
        "name": "lock",
        "code": "required",
    }
    assert documenten.patch(url, json={"titel": "x"}).json()["invalidParams"][0]["code"] == "missing-lock-id"
    assert documenten.patch(url, json={"titel": "x", "lock": "fout"}).json()["invalidParams"][0]["code"] == "incorrect-lock-id"

    updated = documenten.put(url, json={**body, "lock": lock_id})
    assert updated.status_code == 200, updated.text
    assert updated.json()["versie"] == 2 and updated.json()["titel"] == "Aangepast"
    patched = documenten.patch(url, json={"auteur": "Ander", "lock": lock_id})
    assert patched.json()["versie"] == 3 and patched.json()["titel"] == "Aangepast" and patched.json()["auteur"] == "Ander"

    # every version stays: its fields and its content
    assert documenten.get(url, params={"versie": 1}).json()["titel"] == "Aanvraag"
    assert documenten.get(f"{url}/download", params={"versie": 1}).content == b"eerste"
    assert documenten.get(f"{url}/download").content == b"tweede"
    assert documenten.get(url, params={"registratieOp": "2000-01-01T00:00:00Z"}).status_code == 404

    assert documenten.post(f"{url}/unlock", json={"lock": lock_id}).status_code == 204
    assert documenten.get(url).json()["locked"] is False


def test_drc009_unlock_needs_the_lock_id_unless_forced(documenten, documenten_app, iotype):
    from services.documenten.enkelvoudiginformatieobject import rules
    from services.documenten.enkelvoudiginformatieobject.models import InformatieObject
    from shared.errors import ValidationProblem

    canonical = InformatieObject(lock="het-lock")
    with pytest.raises(ValidationProblem) as refused:
        rules.ensure_unlock_allowed(canonical, "fout", forced=False)
    assert refused.value.invalid_params[0].code == "incorrect-lock-id"
    rules.ensure_unlock_allowed(canonical, "het-lock", forced=False)
    rules.ensure_unlock_allowed(canonical, "", forced=True)
    # the all-rights client holds documenten.geforceerd-unlock: it unlocks without the id
    document = create_document(documenten, iotype["url"])
    lock(documenten, document["url"])
    assert documenten.post(f"{document['url']}/unlock").status_code == 204


def test_chunked_upload_by_bestandsdelen(documenten, documenten_app, iotype, monkeypatch):
    monkeypatch.setattr(documenten_app.state.settings, "upload_chunk_size", 10)
    data = bytes(range(256)) * 1  # 256 bytes: 26 parts of 10 and one of 6
    document = create_document(documenten, iotype["url"], None, bestandsomvang=len(data))
    assert document["locked"] is True and document["lock"]
    parts = document["bestandsdelen"]
    assert [p["omvang"] for p in parts] == [10] * 25 + [6]
    assert document["inhoud"] is None

    incomplete = documenten.post(f"{document['url']}/unlock", json={"lock": document["lock"]})
    assert incomplete.status_code == 400 and incomplete.json()["invalidParams"][0]["code"] == "incomplete-upload"

    wrong_size = documenten.put(parts[0]["url"], data={"lock": document["lock"]}, files={"inhoud": ("deel", b"te kort")})
    assert wrong_size.status_code == 400 and wrong_size.json()["invalidParams"][0]["code"] == "file-size"
    for part in parts:
        start = (part["volgnummer"] - 1) * 10
        response = documenten.put(
            part["url"], data={"lock": document["lock"]}, files={"inhoud": ("deel", data[start : start + part["omvang"]])}
        )
        assert response.status_code == 200, response.text
        assert response.json()["voltooid"] is True

    assert documenten.post(f"{document['url']}/unlock", json={"lock": document["lock"]}).status_code == 204
    done = documenten.get(document["url"]).json()
    assert done["locked"] is False and done["bestandsdelen"] == [] and done["bestandsomvang"] == len(data)
    assert documenten.get(f"{document['url']}/download").content == data


def test_list_filters_and_zoek(documenten, iotype):
    a = create_document(documenten, iotype["url"], identificatie="DOC-A", trefwoorden=["vergunning", "bouw"])
    b = create_document(documenten, iotype["url"], identificatie="DOC-B", bronorganisatie="002220647")
    listed = documenten.get(COLLECTION).json()
    assert listed["count"] == 2
    assert [d["url"] for d in documenten.get(COLLECTION, params={"identificatie": "DOC-A"}).json()["results"]] == [a["url"]]
    assert [d["url"] for d in documenten.get(COLLECTION, params={"bronorganisatie": "002220647"}).json()["results"]] == [b["url"]]
    assert [d["url"] for d in documenten.get(COLLECTION, params={"trefwoorden": "bouw"}).json()["results"]] == [a["url"]]
    assert documenten.get(COLLECTION, params={"trefwoorden": "bou"}).json()["count"] == 0
    uuid_b = b["url"].rsplit("/", 1)[1]
    found = documenten.post(f"{COLLECTION}/_zoek", json={"uuid__in": [uuid_b]}).json()
    assert [d["url"] for d in found["results"]] == [b["url"]]


def test_expand_informatieobjecttype(documenten, iotype):
    document = create_document(documenten, iotype["url"])
    shown = documenten.get(document["url"], params={"expand": "informatieobjecttype"}).json()
    assert shown["_expand"]["informatieobjecttype"]["url"] == iotype["url"]
    assert documenten.get(document["url"], params={"expand": "zaak"}).json()["invalidParams"][0]["code"] == "invalid-expand-field"


def test_drc008_delete_takes_versions_content_and_audit_trail(documenten, documenten_app, iotype):
    before = {key for key, _ in documenten_app.state.store.keys("inhoud/")}
    document = create_document(documenten, iotype["url"], b"weg ermee")
    url = document["url"]
    assert documenten.get(f"{url}/audittrail").status_code == 200
    keys = {key for key, _ in documenten_app.state.store.keys("inhoud/")} - before
    assert len(keys) == 1
    assert documenten.delete(url).status_code == 204
    assert documenten.get(url).status_code == 404
    assert documenten.get(f"{url}/audittrail").status_code == 404
    assert not [key for key, _ in documenten_app.state.store.keys("inhoud/") if key in keys]


def test_drc008_no_delete_while_related(documenten, documenten_app, iotype):
    from services.documenten.enkelvoudiginformatieobject.models import InformatieObject
    from services.documenten.objectinformatieobject.models import ObjectInformatieObject

    document = create_document(documenten, iotype["url"])
    with documenten_app.state.db.session() as session:
        canonical = session.query(InformatieObject).one()
        session.add(ObjectInformatieObject(informatieobject_id=canonical.id, object="http://zaken.example/zaken/1", object_type="zaak"))
        session.commit()
    response = documenten.delete(document["url"])
    assert response.status_code == 400 and response.json()["invalidParams"][0]["code"] == "pending-relations"


def test_base64_that_is_not_base64(documenten, iotype):
    response = documenten.post(COLLECTION, json={**document_body(iotype["url"]), "inhoud": "!!!niet base64"})
    assert response.status_code == 400 and response.json()["invalidParams"][0]["name"] == "inhoud"


def test_inline_content_roundtrip_is_exact(documenten, iotype):
    data = bytes(range(256)) * 100
    document = create_document(documenten, iotype["url"], data)
    assert documenten.get(f"{document['url']}/download").content == data
    assert base64.b64decode(document_body(iotype["url"], data)["inhoud"]) == data


def test_drc001_a_url_that_is_no_informatieobjecttype_is_invalid_resource(documenten, iotype):
    # the catalogus answers 200 with JSON, but it is not an InformatieObjectType
    response = documenten.post(COLLECTION, json=document_body(iotype["catalogus"]))
    assert response.status_code == 400
    [problem] = response.json()["invalidParams"]
    assert (problem["name"], problem["code"]) == ("informatieobjecttype", "invalid-resource")


def test_a_bestandsdeel_needs_the_lock_of_its_document(documenten, documenten_app, iotype, monkeypatch):
    monkeypatch.setattr(documenten_app.state.settings, "upload_chunk_size", 4)
    document = create_document(documenten, iotype["url"], None, bestandsomvang=4)
    [part] = document["bestandsdelen"]
    response = documenten.put(part["url"], data={"lock": "fout"}, files={"inhoud": ("deel", b"abcd")})
    assert response.status_code == 400
    [problem] = response.json()["invalidParams"]
    assert (problem["name"], problem["code"]) == ("nonFieldErrors", "incorrect-lock-id")


def test_base64_wrapped_in_lines_is_taken(documenten, iotype):
    data = bytes(range(256)) * 20
    encoded = base64.encodebytes(data).decode()  # 76-character lines, as mail clients wrap them
    document = create_document(documenten, iotype["url"], None, inhoud=encoded)
    assert documenten.get(f"{document['url']}/download").content == data


def test_a_put_without_inhoud_keeps_the_content(documenten, iotype):
    document = create_document(documenten, iotype["url"], b"blijft")
    body = {key: document[key] for key in ("bronorganisatie", "creatiedatum", "titel", "auteur", "taal", "informatieobjecttype")}
    response = documenten.put(document["url"], json={**body, "titel": "Nieuwe titel", "lock": lock(documenten, document["url"])})
    assert response.status_code == 200, response.text
    assert response.json()["versie"] == 2 and response.json()["bestandsomvang"] == len(b"blijft")
    assert documenten.get(f"{document['url']}/download").content == b"blijft"


@pytest.mark.parametrize("versie", [0, -1, 3, 2**31, 10**20])
def test_a_versie_out_of_range_is_a_404(documenten, iotype, versie):
    document = create_document(documenten, iotype["url"])
    assert documenten.get(document["url"], params={"versie": versie}).status_code == 404
    assert documenten.get(f"{document['url']}/download", params={"versie": versie}).status_code == 404


def test_bestandsdelen_edge_cases(documenten, documenten_app, iotype, monkeypatch):
    monkeypatch.setattr(documenten_app.state.settings, "upload_chunk_size", 4)
    store = documenten_app.state.store
    before = {key for key, _ in store.keys("delen/")}
    document = create_document(documenten, iotype["url"], None, bestandsomvang=6)
    first, second = document["bestandsdelen"]
    put = lambda part, data: documenten.put(part["url"], data={"lock": document["lock"]}, files={"inhoud": ("deel", data)})  # noqa: E731

    too_long = put(first, b"12345")
    assert too_long.status_code == 400
    assert too_long.json()["invalidParams"][0] == {**too_long.json()["invalidParams"][0], "name": "inhoud", "code": "file-size"}
    assert {key for key, _ in store.keys("delen/")} == before  # nothing stored for it

    assert put(first, b"abcd").status_code == 200
    assert put(first, b"ABCD").status_code == 200  # twice: the second replaces the first
    assert len({key for key, _ in store.keys("delen/")} - before) == 1  # the replaced part is gone
    assert put(second, b"ef").status_code == 200
    assert documenten.post(f"{document['url']}/unlock", json={"lock": document["lock"]}).status_code == 204
    assert documenten.get(f"{document['url']}/download").content == b"ABCDef"
    assert {key for key, _ in store.keys("delen/")} == before  # the parts went with the unlock

    after_unlock = put(first, b"abcd")
    assert after_unlock.status_code == 404
