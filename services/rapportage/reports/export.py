"""A report as a file download: CSV or .xlsx, for the API (`formaat=`) and the dashboard's
export links alike."""

from fastapi.responses import Response, StreamingResponse

from services.rapportage.reports.csv_export import to_csv
from services.rapportage.reports.xlsx_export import MEDIA_TYPE as XLSX
from services.rapportage.reports.xlsx_export import chunks, to_xlsx

FILE_FORMATS = ("csv", "xlsx")


def _disposition(name: str, extension: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}.{extension}"'}


def file_response(name: str, data: dict, formaat: str, tijdzone: str, filename: str | None = None) -> Response:
    """Report `name` as `formaat` (one of FILE_FORMATS), downloaded as `filename` (default: `name`)
    with the format's extension."""
    filename = filename or name
    if formaat == "xlsx":
        return StreamingResponse(chunks(to_xlsx(name, data, tijdzone)), media_type=XLSX, headers=_disposition(filename, "xlsx"))
    return Response(to_csv(name, data), media_type="text/csv; charset=utf-8", headers=_disposition(filename, "csv"))
