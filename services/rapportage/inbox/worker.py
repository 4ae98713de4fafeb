"""The worker in every rapportage process: retries the waiting inbox events when due (woken at
once when the callback had to park one) and checks the monthly milestones once a day."""

import datetime as dt
import logging
import threading

from services.rapportage.inbox.service import Intake
from services.rapportage.mijlpalen.service import check_halvering

log = logging.getLogger("zgw.rapportage")


class Worker:
    def __init__(self, intake: Intake, today, interval: float):
        self.intake = intake
        self.today = today  # () -> date, the organisation's today
        self.interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._checked: dt.date | None = None

    def run_once(self) -> int:
        handled = self.intake.process_due()
        today = self.today()
        if self._checked != today:
            with self.intake.database.session() as session:
                check_halvering(session, self.intake.settings, today)
                session.commit()
            self._checked = today
        return handled

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                handled = self.run_once()
            except Exception:  # keep the worker alive; the events stay waiting
                log.exception("rapportage worker round failed")
                handled = 0
            if handled:
                continue
            self.intake.wake.wait(self.interval)
            self.intake.wake.clear()

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="rapportage-worker", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self.intake.wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
