"""Who may read the reports: a ZGW JWT (as every service takes it) of an applicatie with scope
`rapportage.lezen`, or all rights (the demo applicatie). The Autorisaties API has no component
for reporting, so the scope counts under any component (e.g. `zrc`).

The dashboard (HTML) is open where `RAPPORTAGE_DASHBOARD_OPEN=true`; otherwise a browser logs in
with HTTP Basic: the client_id and secret of such an applicatie (or sends a Bearer JWT)."""

import base64
import hmac

from fastapi import Request

from shared.auth import Principal, current_principal, request_principal
from shared.errors import NotAuthenticated, PermissionDenied

SCOPE_LEZEN = "rapportage.lezen"


def may_read(principal: Principal) -> bool:
    return principal.all_rights or any(SCOPE_LEZEN in a.scopes for a in principal.applicatie.autorisaties)


async def require_lezen(request: Request) -> Principal:
    """Dependency of every report: 401 without a valid JWT, 403 without `rapportage.lezen`."""
    principal = await request_principal(request)
    if not may_read(principal):
        raise PermissionDenied()
    return principal


class DashboardLogin(Exception):
    """The dashboard needs a login (answered 401 with a Basic challenge) or refuses (403)."""

    def __init__(self, status: int):
        self.status = status


def check_dashboard(request: Request) -> None:
    if request.app.state.settings.dashboard_open:
        return
    header = request.headers.get("authorization") or ""
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer":
        try:
            principal = current_principal(request)
        except NotAuthenticated:
            raise DashboardLogin(401) from None
        if not may_read(principal):
            raise DashboardLogin(403)
        return
    if scheme.lower() != "basic":
        raise DashboardLogin(401)
    try:
        client_id, _, secret = base64.b64decode(value.strip()).decode().partition(":")
    except (ValueError, UnicodeDecodeError):
        raise DashboardLogin(401) from None
    source = request.app.state.authenticator.source
    applicatie = source.by_client_id(client_id) if client_id else None
    if applicatie is None or not hmac.compare_digest(applicatie.secret.encode(), secret.encode()):
        raise DashboardLogin(401)
    rights = getattr(source, "rights", None)
    if rights is not None:
        applicatie = rights(client_id, applicatie)
    if not may_read(Principal(client_id=client_id, applicatie=applicatie)):
        raise DashboardLogin(403)
