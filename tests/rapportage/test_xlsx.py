"""The .xlsx exports: every report that has a CSV has a workbook with the same rows, typed
(numbers as numbers, days as dates), a header row, sized columns, a sheet per table."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from tests.rapportage import history
from tests.rapportage.test_dashboard import open_dashboard  # noqa: F401  (a fixture)
from tests.rapportage.test_reports_api import REPORTS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def as_csv_text(value) -> str:
    """How the CSV writes a value the workbook holds typed (a whole float reads back as an int)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return repr(float(value))
    return str(value)


def csv_as_read(text: str) -> str:
    try:
        return repr(float(text))
    except ValueError:
        return text


def sheets(response) -> dict[str, list[list]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == XLSX
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    out = {}
    for ws in workbook.worksheets:
        rows = [list(row) for row in ws.iter_rows(values_only=True)]
        width = max((len(row) for row in rows), default=0)  # trailing empty cells are not stored
        out[ws.title] = [row + [None] * (width - len(row)) for row in rows]
    return out


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.text), delimiter=";"))


@pytest.fixture
def filled(rapportage, fake_zgw):
    return history.build(fake_zgw, rapportage.deliver)


@pytest.mark.parametrize("name", [*REPORTS, "signaleringen"])
def test_every_report_as_xlsx_has_the_rows_of_its_csv(rapportage, filled, name):
    params = {"van": "2026-03-01", "tot": "2026-03-31"}
    response = rapportage.get(f"/{name}", params={**params, "formaat": "xlsx"})
    assert response.headers["content-disposition"] == f'attachment; filename="{name}.xlsx"'
    [(title, rows)] = sheets(response).items()
    assert title == name
    expected = csv_rows(rapportage.get(f"/{name}", params={**params, "formaat": "csv"}))
    assert [[as_csv_text(v) for v in row] for row in rows] == [[csv_as_read(v) for v in row] for row in expected]
    assert any(isinstance(v, int | float) and not isinstance(v, bool) for row in rows[1:] for v in row), "numbers as numbers"


def test_numbers_are_numbers_and_days_are_dates(rapportage, filled):
    [rows] = sheets(rapportage.get("/doorlooptijden", params={"formaat": "xlsx"})).values()
    assert rows[0][:4] == ["zaaktype", "omschrijving", "aantalAfgesloten", "brutoMediaan"]
    assert rows[1][:4] == ["ZT-A", "Aanvraag vergunning", 2, 11.0]
    [rows] = sheets(rapportage.get("/instroom-uitstroom", params={"formaat": "xlsx", "van": "2026-03-01", "tot": "2026-03-31"})).values()
    assert rows == [
        ["periode", "van", "tot", "instroom", "uitstroom", "saldo"],
        ["2026-03", dt.datetime(2026, 3, 1), dt.datetime(2026, 3, 31), 3, 2, 1],
    ]
    # the zaken behind a signal: the moment a status was set, in the organisation's local time
    [rows] = sheets(rapportage.get("/signaleringen/termijn-verstreken", params={"formaat": "xlsx"})).values()
    header, [z3] = rows[0], rows[1:]
    zaak = dict(zip(header, z3, strict=True))
    assert (zaak["identificatie"], zaak["startdatum"], zaak["statusSinds"]) == (
        "Z3",
        dt.datetime(2026, 3, 10),
        dt.datetime(2026, 3, 10, 10),
    )


def test_the_sheet_has_a_bold_frozen_header_and_sized_columns(rapportage, filled):
    response = rapportage.get("/doorlooptijden", params={"formaat": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.b and not sheet["A2"].font.b
    assert sheet.column_dimensions["B"].width == len("Aanvraag vergunning") + 2
    assert sheet.column_dimensions["C"].width == len("aantalAfgesloten") + 2
    assert sheet["B2"].number_format == "General" and sheet["C2"].data_type == "n"


def test_the_dashboard_exports_xlsx_too(rapportage, filled, rapportage_app):
    rapportage_app.state.settings.dashboard_open = True
    try:
        response = rapportage.client.get(
            "http://testserver/rapportage/export/gebruik.xlsx", params={"van": "2026-03-01", "tot": "2026-03-31"}
        )
        [rows] = sheets(response).values()
        assert ["organisatorische_eenheid:OE-2", "Team Handhaving", "2026-03", 1, 4, 1] in rows
        assert response.headers["content-disposition"] == 'attachment; filename="gebruik.xlsx"'
        assert rapportage.client.get("http://testserver/rapportage/export/gebruik.pdf").status_code == 404
        html = rapportage.client.get("http://testserver/rapportage/").text
        assert 'href="export/doorlooptijden.xlsx"' in html
    finally:
        rapportage_app.state.settings.dashboard_open = False
