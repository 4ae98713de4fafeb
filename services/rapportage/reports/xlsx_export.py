"""Each report as an .xlsx workbook: the rows of the CSV export (csv_export.py builds them once
for both), a sheet per table, the header row bold and frozen, numbers as numbers, dates as dates.

The workbook is written in openpyxl's write-only mode (rows go to a temporary file as they come)
into a spooled temporary file, which the response streams."""

import datetime as dt
import tempfile
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import IO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from services.rapportage.periods import zone
from services.rapportage.reports.csv_export import tables

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# the columns that hold a day or a moment (ISO 8601 in the JSON), by their header: what the
# spreadsheet gets as a date
DATE_COLUMNS = frozenset({"datum", "van", "tot", "startdatum", "einddatum", "uiterlijkeEinddatum"})
DATETIME_COLUMNS = frozenset({"statusSinds"})
# rows read ahead to size the columns (write-only sheets take widths before their first row)
SAMPLE_ROWS = 200
MAX_WIDTH = 60
CHUNK = 64 * 1024


def _cell_value(header: str, value, tijdzone: str):
    """A value as the spreadsheet should hold it; what does not parse stays as it is."""
    if isinstance(value, str) and value:
        try:
            if header in DATE_COLUMNS:
                return dt.date.fromisoformat(value)
            if header in DATETIME_COLUMNS:  # Excel has no time zones: the organisation's local time
                return dt.datetime.fromisoformat(value).astimezone(zone(tijdzone)).replace(tzinfo=None)
        except ValueError:
            return value
    return value


def _width(value) -> int:
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    return len(str(value)) if value is not None else 0


def _sheet_title(name: str, used: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    title = "".join("-" if c in "[]:*?/\\" else c for c in name)[:31] or "rapport"
    base, n = title, 2
    while title.lower() in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title.lower())
    return title


def _write_sheet(workbook: Workbook, title: str, rows: Iterable[list], tijdzone: str) -> None:
    sheet = workbook.create_sheet(title)
    iterator: Iterator[list] = iter(rows)
    header = [str(h) for h in next(iterator, [])]
    sample = [[_cell_value(h, v, tijdzone) for h, v in zip(header, row, strict=False)] for row in islice(iterator, SAMPLE_ROWS)]
    for index, name in enumerate(header, start=1):
        widest = max([len(name), *(_width(row[index - 1]) for row in sample if index <= len(row))])
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, widest + 2)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    cells = []
    for name in header:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    for row in sample:
        sheet.append(row)
    for row in iterator:
        sheet.append([_cell_value(h, v, tijdzone) for h, v in zip(header, row, strict=False)])


def to_xlsx(report: str, data: dict, tijdzone: str) -> IO[bytes]:
    """The workbook of a report, in a spooled temporary file positioned at its start."""
    workbook = Workbook(write_only=True)
    used: set[str] = set()
    for name, rows in tables(report, data):
        _write_sheet(workbook, _sheet_title(name, used), rows, tijdzone)
    out = tempfile.SpooledTemporaryFile(max_size=4 * 1024 * 1024)  # noqa: SIM115 (closed by chunks())
    workbook.save(out)
    out.seek(0)
    return out


def chunks(stream: IO[bytes]) -> Iterator[bytes]:
    """The file in pieces, closed at the end (also when the client goes away)."""
    with stream:
        while piece := stream.read(CHUNK):
            yield piece
