"""The rapportage's reader: what a failed read is to the intake (`FetchError.kind`), over the
kernel's remote reader."""

import httpx
import pytest

from services.rapportage.client import FetchError, ZgwReader

ZAAK = "http://zaken.test/zaken/api/v1/zaken/1"
ZAAKTYPE = "http://catalogi.test/catalogi/api/v1/zaaktypen/1"


def reader(handler) -> ZgwReader:
    return ZgwReader(client_id="rapportage", secret="geheim", transport=httpx.MockTransport(handler))


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (404, "gone"),
        (410, "gone"),
        (401, "refused"),
        (403, "refused"),
        (429, "unavailable"),
        (503, "unavailable"),
        (400, "invalid"),
        (302, "invalid"),
    ],
)
def test_a_failed_read_is_sorted_by_its_status(status, kind):
    with pytest.raises(FetchError) as info:
        reader(lambda request: httpx.Response(status)).get(ZAAK)
    assert (info.value.kind, info.value.url) == (kind, ZAAK)


def test_no_answer_is_unavailable_and_a_bad_url_invalid():
    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused")

    with pytest.raises(FetchError) as info:
        reader(refused).get(ZAAK)
    assert info.value.kind == "unavailable"
    with pytest.raises(FetchError) as info:
        reader(refused).catalogus_object("geen-url")
    assert info.value.kind == "invalid"


def test_every_request_carries_a_token_and_the_crs():
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"url": str(request.url)})

    assert reader(handler).get_object(ZAAK, {"expand": "status"}) == {"url": f"{ZAAK}?expand=status"}
    assert sent[0].headers["authorization"].startswith("Bearer ")
    assert sent[0].headers["accept-crs"] == "EPSG:4326"


def test_a_zaak_is_always_fetched_and_a_catalogus_object_cached():
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"url": str(request.url)}, headers={"ETag": '"1"'})

    zgw = reader(handler)
    for _ in range(2):
        zgw.get(ZAAK)
        assert zgw.catalogus_object(ZAAKTYPE) == {"url": ZAAKTYPE}
    assert [str(request.url) for request in sent] == [ZAAK, ZAAKTYPE, ZAAK]
    assert zgw.requests == 3


@pytest.mark.parametrize("answer", [httpx.Response(404), httpx.Response(200, text="<html/>"), httpx.Response(200, json=[])])
def test_a_catalogus_object_that_is_not_there_is_none(answer):
    assert reader(lambda request: answer).catalogus_object(ZAAKTYPE) is None


@pytest.mark.parametrize(("status", "kind"), [(403, "refused"), (500, "unavailable")])
def test_a_catalogus_object_that_cannot_be_read_now_is_an_error(status, kind):
    with pytest.raises(FetchError) as info:
        reader(lambda request: httpx.Response(status)).catalogus_object(ZAAKTYPE)
    assert info.value.kind == kind
