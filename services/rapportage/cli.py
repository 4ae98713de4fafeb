"""`zgw rapportage ...` (to be wired into services/cli.py) or `python -m services.rapportage.cli ...`:

    backfill [--url ZAKEN_API] [--zaaktype URL] [--vanaf-nul]   page through a Zaken API 1.x
    rebuild                                                     replay the inbox
    inbox status [--json] | list [--limit N] | retry | verwerk   the waiting events
    check                                                       counters against the read models
    mijlpalen                                                   check the monthly milestones now

Backfill and rebuild may run while the service takes notifications.
"""

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import select

if TYPE_CHECKING:  # imported where used: a command loads only what it needs
    from services.rapportage.inbox.service import Intake
    from services.rapportage.maintenance import Maintenance
    from services.rapportage.settings import RapportageSettings
    from shared.db import Database


class _Parts(NamedTuple):
    settings: "RapportageSettings"
    database: "Database"
    maintenance: "Maintenance"
    intake: "Intake"


@contextmanager
def opened(transport=None, kernel=None) -> Iterator[_Parts]:
    """The service's parts for one command; its reader and database are closed when it ends.
    `transport`: how its reader reaches the Zaken and Catalogi APIs (`zgw seed-demo`: in-process)."""
    from services.rapportage.client import reader_for
    from services.rapportage.inbox.service import Intake
    from services.rapportage.maintenance import Maintenance
    from services.rapportage.settings import rapportage_settings
    from services.rapportage.zaak.fetch import Fetcher
    from services.rapportage.zaak.projector import Projector
    from shared.db import Database
    from shared.settings import kernel_settings

    settings, kernel = rapportage_settings(), kernel or kernel_settings()
    database = Database(settings.database_url)
    reader = reader_for(settings, kernel, transport)
    fetcher, projector = Fetcher(reader, settings), Projector(settings.tijdzone)
    try:
        yield _Parts(
            settings, database, Maintenance(database, fetcher, projector, settings), Intake(database, fetcher, projector, settings)
        )
    finally:
        reader.close()
        database.dispose()


def today(settings) -> dt.date:
    from services.rapportage.periods import zone
    from shared import utc

    return utc.now().astimezone(zone(settings.tijdzone)).date()


def _report(result, label: str) -> int:
    print(
        f"{label}: {result.zaken} zaken geprojecteerd, {result.verwijderd} verwijderd, {len(result.mislukt)} mislukt, {result.seconden:.1f}s"
    )
    for line in result.mislukt[:50]:
        print(f"  mislukt: {line}", file=sys.stderr)
    return 1 if result.mislukt else 0


def cmd_backfill(args) -> int:
    from services.rapportage.maintenance import Progress

    with opened() as parts:
        result = parts.maintenance.backfill(
            args.url or parts.settings.zaken_api_url,
            zaaktype=args.zaaktype,
            from_scratch=args.vanaf_nul,
            batch_size=args.batch,
            progress=Progress("backfill", enabled=not args.quiet),
            today=today(parts.settings),
        )
    return _report(result, "backfill")


def cmd_rebuild(args) -> int:
    from services.rapportage.maintenance import Progress

    with opened() as parts:
        result = parts.maintenance.rebuild(
            batch_size=args.batch, progress=Progress("rebuild", enabled=not args.quiet), today=today(parts.settings)
        )
    return _report(result, "rebuild")


def cmd_inbox(args) -> int:
    from services.rapportage.inbox.models import WACHTEND, InboxEvent

    with opened() as parts:
        if args.action == "status":
            status = parts.intake.status()
            print(
                json.dumps(status)
                if args.json
                else f"verwerkt {status['verwerkt']}, wachtend {status['wachtend']}, oudste wachtend {status['oudsteWachtendSeconden']}s"
            )
        elif args.action == "list":
            with parts.database.session() as session:
                rows = session.scalars(select(InboxEvent).where(InboxEvent.status == WACHTEND).order_by(InboxEvent.id).limit(args.limit))
                items = [
                    {"id": e.id, "resourceUrl": e.resource_url, "actie": e.actie, "pogingen": e.pogingen,
                     "volgendePoging": e.volgende_poging.isoformat() if e.volgende_poging else None, "laatsteFout": e.laatste_fout}
                    for e in rows
                ]  # fmt: skip
            print(json.dumps(items, indent=2))
        elif args.action == "retry":
            print(f"{parts.intake.retry_now()} wachtende events zijn nu aan de beurt")
        else:  # verwerk: one round of the worker, in the foreground
            parts.intake.retry_now()
            print(f"{parts.intake.process_due(limit=args.limit)} events verwerkt; {parts.intake.status()['wachtend']} wachten nog")
    return 0


def cmd_check(args) -> int:
    with opened() as parts:
        problems = parts.maintenance.check()
    for line in problems[:100]:
        print(line)
    print("tellers kloppen" if not problems else f"{len(problems)} verschillen (`rebuild` herstelt ze)")
    return 1 if problems else 0


def cmd_mijlpalen(args) -> int:
    from services.rapportage.mijlpalen.service import check_halvering, months_with_closures

    with opened() as parts, parts.database.session() as session:
        new = check_halvering(session, parts.settings, today(parts.settings), months_with_closures(session))
        session.commit()
    print(f"{new} nieuwe mijlpalen")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="zgw rapportage", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("backfill", help="build the read models from a Zaken API 1.x")
    p.add_argument("--url", help="the Zaken API root (default RAPPORTAGE_ZAKEN_API_URL)")
    p.add_argument("--zaaktype", help="only zaken of this zaaktype (URL)")
    p.add_argument("--vanaf-nul", action="store_true", help="empty the read models first")
    p.add_argument("--batch", type=int, default=100)
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_backfill)

    p = sub.add_parser("rebuild", help="replay the inbox into empty read models")
    p.add_argument("--batch", type=int, default=100)
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=cmd_rebuild)

    p = sub.add_parser("inbox", help="the waiting events")
    p.add_argument("action", choices=["status", "list", "retry", "verwerk"])
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=int, default=100)
    p.set_defaults(func=cmd_inbox)

    p = sub.add_parser("check", help="compare the counters with the read models")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("mijlpalen", help="check the monthly milestones (halved doorlooptijd) now")
    p.set_defaults(func=cmd_mijlpalen)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
