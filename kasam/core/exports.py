"""CSV and PDF output shared by every app."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.template.loader import render_to_string

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """Neutralise spreadsheet formula injection: a cell never starts as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(h) for h in header])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM so spreadsheets read UTF-8


def xlsx_bytes(title: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """An Excel workbook with one sheet; text cells neutralised like CSV, numbers kept."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    sheet.append([safe_cell(h) for h in header])
    for row in rows:
        sheet.append([c if isinstance(c, int | float | Decimal) else safe_cell(c) for c in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def pdf_bytes(template: str, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML  # imported late: loading Pango costs time at start-up

    html = render_to_string(template, context)
    # PDF/UA: tagged (headings, tables, reading order) with the document's language, so a
    # screen reader can read what the municipality sends.
    return bytes(HTML(string=html).write_pdf(pdf_variant="pdf/ua-1"))


def pdf_response(body: bytes, filename: str) -> HttpResponse:
    """A PDF the browser shows (and can save under `filename`)."""
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
