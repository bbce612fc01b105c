"""Importing indicator values from CSV (Kolada / KOSTRA style: one value per indicator,
unit or municipality, and period). A preview lists every problem by line; nothing is
stored until the file is clean or the user chooses to import only the valid lines.
Importing the same file again changes nothing: each value replaces its own earlier copy."""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kasam.accounts.models import User
from kasam.audit.models import AuditEvent
from kasam.audit.services import record_change
from kasam.core.errors import Refused
from kasam.indicators.columns import code_of
from kasam.indicators.models import ImportRun, Indicator, StoredValue
from kasam.indicators.periods import BadPeriod, Period
from kasam.organisation.models import OrganisationUnit

REQUIRED = ("indicator", "period", "value")
OPTIONAL = (
    "unit", "municipality", "numerator", "denominator", "comment", "status", "definition", "name"
)  # fmt: skip
MAX_BYTES = 2_000_000


@dataclass
class Line:
    number: int
    raw: dict[str, str]
    problems: list[str] = field(default_factory=list)
    indicator: Indicator | None = None
    unit: OrganisationUnit | None = None
    period: Period | None = None
    numbers: dict[str, Decimal | None] = field(default_factory=dict)


@dataclass
class Preview:
    lines: list[Line]
    problems: list[str]  # about the whole file

    @property
    def valid(self) -> list[Line]:
        return [line for line in self.lines if not line.problems]

    @property
    def clean(self) -> bool:
        return not self.problems and all(not line.problems for line in self.lines)


def preview(text: str) -> Preview:
    if len(text.encode()) > MAX_BYTES:
        return Preview([], [_("The file is larger than 2 MB.")])
    text = text.lstrip("\ufeff")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    try:
        return _read(reader)
    except csv.Error as error:  # a broken quote, a field over the size limit
        return Preview([], [_("The file cannot be read as CSV (%(error)s).") % {"error": error}])


def _read(reader: csv.DictReader[str]) -> Preview:
    columns = [code_of(c) for c in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in columns]
    unknown = [c for c in columns if c not in REQUIRED + OPTIONAL]
    if missing or unknown:
        return Preview([], [_column_problem(missing, unknown)])
    lookup = _Lookup()
    lines = [
        _check(number, {code_of(k): (v or "").strip() for k, v in row.items() if k}, lookup)
        for number, row in enumerate(reader, start=2)
    ]
    if not lines:
        return Preview([], [_("The file has no lines of values.")])
    return Preview(lines, [])


def _column_problem(missing: list[str], unknown: list[str]) -> str:
    parts = []
    if missing:
        parts.append(_("missing columns: %(names)s") % {"names": ", ".join(missing)})
    if unknown:
        parts.append(_("unknown columns: %(names)s") % {"names": ", ".join(unknown)})
    allowed = ", ".join(REQUIRED + OPTIONAL)
    return _("Wrong columns (%(parts)s). The columns are: %(allowed)s.") % {
        "parts": "; ".join(parts),
        "allowed": allowed,
    }


class _Lookup:
    """Indicators by code or national code; units by name or public id."""

    def __init__(self) -> None:
        indicators = list(Indicator.objects.all())
        self.indicators = {i.code.lower(): i for i in indicators}
        self.indicators |= {i.external_code.lower(): i for i in indicators if i.external_code}
        units = list(OrganisationUnit.objects.filter(archived_at__isnull=True))
        self.units = {u.name.lower(): u for u in units} | {str(u.public_id): u for u in units}


def _check(number: int, raw: dict[str, str], lookup: _Lookup) -> Line:
    line = Line(number, raw)
    line.indicator = lookup.indicators.get(raw.get("indicator", "").lower())
    if line.indicator is None:
        line.problems.append(_("unknown indicator “%(code)s”") % {"code": raw.get("indicator")})
    other = raw.get("municipality", "")
    if other and raw.get("unit"):
        line.problems.append(_("give either a unit or another municipality, not both"))
    elif not other:
        line.unit = lookup.units.get(raw.get("unit", "").lower())
        if line.unit is None:
            line.problems.append(_("unknown unit “%(unit)s”") % {"unit": raw.get("unit", "")})
    if line.indicator is not None and not other and line.indicator.source != "import":
        line.problems.append(_("this indicator is not imported: it has its own source"))
    try:
        line.period = Period.parse(raw.get("period", ""))
    except BadPeriod:
        line.problems.append(_("“%(period)s” is not a period") % {"period": raw.get("period")})
    if not raw.get("value"):
        line.problems.append(_("the value is missing"))
    for name in ("value", "numerator", "denominator"):
        line.numbers[name] = _number(raw.get(name, ""), name, line.problems)
    return line


def _number(text: str, name: str, problems: list[str]) -> Decimal | None:
    if not text:
        return None
    try:
        number = Decimal(text.replace(" ", "").replace("\u00a0", "").replace(",", "."))
    except InvalidOperation:
        problems.append(_("%(name)s “%(text)s” is not a number") % {"name": name, "text": text})
        return None
    if not number.is_finite():
        problems.append(_("%(name)s “%(text)s” is not a number") % {"name": name, "text": text})
        return None
    return number


@transaction.atomic
def import_values(*, user: User, text: str, filename: str, only_valid: bool) -> ImportRun:
    """Store the file's values; refused while it has problems, unless `only_valid`."""
    checked = preview(text)
    if checked.problems or not checked.lines:
        raise Refused(checked.problems[0] if checked.problems else _("Nothing to import."))
    if not checked.clean and not only_valid:
        raise Refused(_("The file has problems: correct them, or import only the valid lines."))
    changes: dict[str, tuple[Any, Any]] = {}
    for line in checked.valid:
        assert line.indicator is not None
        assert line.period is not None
        key: dict[str, Any] = {
            "indicator": line.indicator,
            "unit": line.unit,
            "municipality": line.raw.get("municipality", ""),
            "period": line.period.code,
            "origin": StoredValue.Origin.IMPORT,
        }
        earlier = StoredValue.objects.filter(**key).values_list("value", flat=True).first()
        if earlier != line.numbers["value"]:
            where = line.unit.public_id if line.unit else key["municipality"]
            name = f"{line.indicator.code} {where} {line.period.code}"
            changes[name] = (earlier, line.numbers["value"])
        StoredValue.objects.update_or_create(
            **key,
            defaults={
                "value": line.numbers["value"],
                "numerator": line.numbers["numerator"],
                "denominator": line.numbers["denominator"],
                "comment": line.raw.get("comment", "")[:2000],
                "entered_by": user,
            },
        )
    run = ImportRun.objects.create(
        filename=filename[:200],
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        imported_by=user,
        imported=len(checked.valid),
        skipped=len(checked.lines) - len(checked.valid),
    )
    record_change(user=user, action=AuditEvent.Action.CREATE, target=run, changes=changes)
    return run
