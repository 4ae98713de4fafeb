"""JWT authentication: HS256 only, signature, known client, age from iat; a token verified once is
not decoded again, but its times are checked at every use and a changed secret refuses it."""

import dataclasses
import time

import jwt
import pytest

from shared.auth import Authenticator, FileAutorisaties, make_token
from shared.errors import NotAuthenticated
from tests.conftest import SECRET


@pytest.fixture
def authenticator(kernel):
    return Authenticator(FileAutorisaties(kernel), kernel)


def test_valid_token_gives_principal(authenticator):
    principal = authenticator.authenticate("Bearer " + make_token("alles", SECRET, user_id="u1", user_representation="Gebruiker"))
    assert principal.client_id == "alles" and principal.all_rights
    assert principal.user_id == "u1" and principal.user_representation == "Gebruiker"


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "Token abc",
        "Bearer ",
        "Bearer not-a-jwt",
        "Bearer " + make_token("alles", "wrong-secret"),
        "Bearer " + make_token("onbekend", SECRET),
        "Bearer " + make_token("alles", SECRET, iat=time.time() - 7200),
        "Bearer " + make_token("alles", SECRET, iat=time.time() + 86400),
        "Bearer " + jwt.encode({"client_id": "alles", "iat": int(time.time())}, None, algorithm="none"),
        "Bearer " + jwt.encode({"client_id": "alles"}, SECRET, algorithm="HS256"),
        "Bearer " + jwt.encode({"client_id": "alles", "iat": int(time.time())}, SECRET, algorithm="HS512"),
        "Bearer " + jwt.encode({"client_id": "alles", "iat": int(time.time()), "exp": int(time.time()) - 60}, SECRET, algorithm="HS256"),
    ],
    ids=[
        "missing",
        "empty",
        "scheme",
        "no-token",
        "garbage",
        "bad-signature",
        "unknown-client",
        "too-old",
        "future-iat",
        "alg-none",
        "no-iat",
        "hs512",
        "expired-exp",
    ],
)
def test_refused(authenticator, header):
    with pytest.raises(NotAuthenticated):
        authenticator.authenticate(header)


def test_a_token_verified_once_is_not_decoded_again(authenticator, monkeypatch):
    header = "Bearer " + make_token("alles", SECRET, user_id="u1")
    first = authenticator.authenticate(header)
    monkeypatch.setattr(jwt, "decode", lambda *a, **kw: pytest.fail("decoded again"))
    monkeypatch.setattr(jwt, "get_unverified_header", lambda *a, **kw: pytest.fail("decoded again"))
    second = authenticator.authenticate(header)
    assert (second.client_id, second.user_id, second.claims) == (first.client_id, first.user_id, first.claims)


class Secrets:
    """A source whose applicatie `alles` gets a new secret when told."""

    def __init__(self, kernel):
        self.file = FileAutorisaties(kernel)
        self.secret = SECRET

    def by_client_id(self, client_id):
        applicatie = self.file.by_client_id(client_id)
        return dataclasses.replace(applicatie, secret=self.secret) if applicatie is not None else None


def test_a_verified_token_is_refused_once_its_secret_changed(kernel):
    source = Secrets(kernel)
    authenticator = Authenticator(source, kernel)
    header = "Bearer " + make_token("alles", SECRET)
    assert authenticator.authenticate(header).client_id == "alles"
    source.secret = "nieuw-geheim"
    with pytest.raises(NotAuthenticated):
        authenticator.authenticate(header)


@pytest.mark.parametrize("claims, later", [({}, 3600 + 6), ({"exp": 60}, 60 + 6)], ids=["iat-too-old", "exp-passed"])
def test_a_verified_tokens_times_are_checked_at_every_use(authenticator, monkeypatch, claims, later):
    now = time.time()
    token = jwt.encode({"client_id": "alles", "iat": int(now), **{k: int(now) + v for k, v in claims.items()}}, SECRET, algorithm="HS256")
    assert authenticator.authenticate(f"Bearer {token}").client_id == "alles"
    monkeypatch.setattr(time, "time", lambda: now + later)
    with pytest.raises(NotAuthenticated):
        authenticator.authenticate(f"Bearer {token}")


def test_the_kept_tokens_are_bounded(authenticator, monkeypatch):
    monkeypatch.setattr(Authenticator, "VERIFIED_KEPT", 3)
    for user in range(10):
        authenticator.authenticate("Bearer " + make_token("alles", SECRET, user_id=str(user)))
    assert len(authenticator._verified) <= 3


def test_client_id_from_iss_when_claim_missing(authenticator):
    token = jwt.encode({"iss": "alles", "iat": int(time.time())}, SECRET, algorithm="HS256")
    assert authenticator.authenticate(f"Bearer {token}").client_id == "alles"


def test_demo_applicatie_uses_settings(kernel):
    source = FileAutorisaties(kernel)
    demo = source.by_client_id(kernel.demo_client_id)
    assert demo is not None and demo.heeft_alle_autorisaties and demo.secret == kernel.demo_client_secret


def test_autorisaties_file_is_reloaded(tmp_path, kernel):
    path = tmp_path / "a.yaml"
    path.write_text("applicaties: []\n")
    settings = kernel.model_copy(update={"autorisaties_file": path, "demo_enabled": False})
    source = FileAutorisaties(settings)
    assert source.by_client_id("nieuw") is None
    path.write_text("applicaties:\n  - clientIds: [nieuw]\n    secret: s\n    heeftAlleAutorisaties: true\n")
    import os

    os.utime(path, (time.time() + 5, time.time() + 5))
    source._checked = 0.0
    assert source.by_client_id("nieuw") is not None


def test_production_refuses_default_demo_secret():
    from pydantic import ValidationError

    from shared.settings import KernelSettings

    with pytest.raises(ValidationError):
        KernelSettings(environment="production", demo_enabled=True)


def test_example_applicaties_file_loads(kernel):
    from shared.settings import PROJECT_ROOT

    settings = kernel.model_copy(update={"autorisaties_file": PROJECT_ROOT / "config" / "applicaties.example.yaml", "demo_enabled": False})
    source = FileAutorisaties(settings)
    assert source.by_client_id("beheer").heeft_alle_autorisaties
    assert source.by_client_id("zaaksysteem").scopes("ztc") == {"catalogi.lezen"}


def test_a_client_signs_once_a_second(monkeypatch):
    """make_token without iat: the token of this second, made once (it depends on nothing else)."""
    import shared.auth

    now = [1_800_000_000.2]
    monkeypatch.setattr(shared.auth.time, "time", lambda: now[0])
    encoded = []
    real_encode = shared.auth.jwt.encode
    monkeypatch.setattr(shared.auth.jwt, "encode", lambda *a, **k: encoded.append(a) or real_encode(*a, **k))
    first = make_token("client", "secret")
    now[0] += 0.7
    assert make_token("client", "secret") == first
    assert make_token("client", "other secret") != first
    now[0] += 0.2
    later = make_token("client", "secret")
    assert later != first
    assert jwt.decode(later, options={"verify_signature": False})["iat"] == 1_800_000_001
    assert make_token("client", "secret", iat=1_800_000_000) == first
    assert len(encoded) == 4  # first, the other secret, the next second, the given iat
