"""The one place where a service's write becomes an audit trail record on its hoofdobject and
(where the standard lists the actie) a notification on the service's kanaal, both in the write's
own transaction (the Zaken API on its zaak, the Besluiten API on its besluit)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from shared.audittrail import AuditTrail
from shared.outbox import Outbox
from shared.resources import Context

# the HTTP status of each actie, as the audit trail records it
RESULTAAT = {"create": 201, "update": 200, "partial_update": 200, "destroy": 204}


@dataclass(frozen=True)
class ChangeRecorder:
    audittrail: AuditTrail
    outbox: Outbox
    bron: str  # the component, as the audit trail names it (zrc, brc, ...)
    kanaal: str
    url_of: Callable[[Context, Any], str]  # a hoofdobject's URL
    kenmerken_of: Callable[[Any], dict[str, str]]  # a hoofdobject's kenmerken, for the notification

    def record(
        self,
        ctx: Context,
        hoofdobject: Any,
        *,
        resource: str,
        resource_url: str,
        actie: str,
        oud: dict | None,
        nieuw: dict | None,
        weergave: str,
        notify: bool = True,
        audit: bool = True,
    ) -> None:
        """One write on `hoofdobject` or on what hangs on it: its audit record (unless `audit` is
        off: a resource the standard does not audit) and its notification (unless `notify` is off)."""
        if not audit:
            if notify:
                self.announce(ctx, hoofdobject, resource=resource, resource_url=resource_url, actie=actie)
            return
        hoofd_object = self.url_of(ctx, hoofdobject)
        audit_row = self.audittrail.row(
            principal=ctx.principal,
            bron=self.bron,
            actie=actie,
            resultaat=RESULTAAT[actie],
            hoofd_object=hoofd_object,
            resource=resource,
            resource_url=resource_url,
            resource_weergave=weergave,
            oud=oud,
            nieuw=nieuw,
            toelichting=ctx.request.headers.get("x-audit-toelichting", ""),
        )
        if notify:  # the notification with its audit record, in one statement
            self.announce(ctx, hoofdobject, resource=resource, resource_url=resource_url, actie=actie, audit_row=audit_row)
        else:
            self.audittrail.insert(ctx.session, audit_row)

    def announce(
        self, ctx: Context, hoofdobject: Any, *, resource: str, resource_url: str, actie: str, audit_row: dict | None = None
    ) -> None:
        """The notification (with `audit_row`, the action's audit record, written in the same
        statement); alone where a destroyed hoofdobject takes its audit trail along."""
        self.outbox.enqueue(
            ctx.session,
            kanaal=self.kanaal,
            hoofd_object=self.url_of(ctx, hoofdobject),
            resource=resource,
            resource_url=resource_url,
            actie=actie,
            kenmerken=self.kenmerken_of(hoofdobject),
            companion=None if audit_row is None else (self.audittrail.table, audit_row),
        )
