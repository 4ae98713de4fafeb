"""Who may do what in the Catalogi API: its component, its scopes per operation, and the
corrections the geforceerd- scopes allow (ztc-009, ztc-010)."""

from shared.auth import ZTC
from shared.resources import Context

COMPONENT = ZTC

SCOPE_LEZEN = "catalogi.lezen"
SCOPE_SCHRIJVEN = "catalogi.schrijven"
SCOPE_FORCED_WRITE = "catalogi.geforceerd-schrijven"
SCOPE_FORCED_DELETE = "catalogi.geforceerd-verwijderen"

# ztc-014: readers of the Zaken and Documenten APIs may read the catalogus too.
READ_SCOPES = (SCOPE_LEZEN, "zaken.lezen", "documenten.lezen")

SCOPES_MAIN = {
    "list": READ_SCOPES,
    "retrieve": READ_SCOPES,
    "create": (SCOPE_SCHRIJVEN,),
    "update": (SCOPE_SCHRIJVEN, SCOPE_FORCED_WRITE),
    "partial_update": (SCOPE_SCHRIJVEN, SCOPE_FORCED_WRITE),
    "destroy": (SCOPE_SCHRIJVEN, SCOPE_FORCED_DELETE),
    "publish": (SCOPE_SCHRIJVEN,),
}
SCOPES_SUB = {**SCOPES_MAIN, "create": (SCOPE_SCHRIJVEN, SCOPE_FORCED_WRITE)}


def forced_write(ctx: Context) -> bool:
    """`catalogi.geforceerd-schrijven`: a correction of what is published."""
    return ctx.principal.has_any_scope(COMPONENT, (SCOPE_FORCED_WRITE,))


def forced_delete(ctx: Context) -> bool:
    """`catalogi.geforceerd-verwijderen`: deleting what is published."""
    return ctx.principal.has_any_scope(COMPONENT, (SCOPE_FORCED_DELETE,))
