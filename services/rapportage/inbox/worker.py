"""The worker in every rapportage process: retries the waiting inbox events when due (woken at
once when the callback had to park one) and checks the monthly milestones once a day. Its
threads (`RAPPORTAGE_WORKER_THREADS`) claim disjoint batches (`Intake.process_due`), so a
backlog is drained by every thread of every process at once."""

import datetime as dt
import logging
import threading

from services.rapportage.inbox.service import Intake
from services.rapportage.mijlpalen.service import check_halvering

log = logging.getLogger("zgw.rapportage")


class Worker:
    def __init__(self, intake: Intake, today, interval: float, threads: int = 1):
        self.intake = intake
        self.today = today  # () -> date, the organisation's today
        self.interval = interval
        self.threads = max(1, threads)
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._checked: dt.date | None = None
        self._checking = threading.Lock()

    def run_once(self) -> int:
        handled = self.intake.process_due()
        today = self.today()
        if self._checked != today and self._checking.acquire(blocking=False):
            try:
                if self._checked != today:
                    with self.intake.database.session() as session:
                        check_halvering(session, self.intake.settings, today)
                        session.commit()
                    self._checked = today
            finally:
                self._checking.release()
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
        self._threads = [threading.Thread(target=self._loop, name=f"rapportage-worker-{i}", daemon=True) for i in range(self.threads)]
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        self._stop.set()
        self.intake.wake.set()
        for thread in self._threads:
            thread.join(timeout=10)
