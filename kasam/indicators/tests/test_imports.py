"""CSV import: a preview with every problem by line, nothing stored until the file is clean
(or the user imports only the valid lines), and re-importing changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kasam.audit.models import AuditEvent
from kasam.conftest import _staff, login
from kasam.core.errors import Refused
from kasam.indicators import imports
from kasam.indicators.models import Indicator, StoredValue
from kasam.organisation.models import Membership

pytestmark = pytest.mark.django_db

GOOD = (
    "indicator;unit;municipality;period;value;comment\n"
    "sick_leave;Hjemmetjenesten Nord;;2026M10;7,5;payroll\n"
    "sick_leave;;3401;2025;7.9;Kolada\n"
)
BAD = (
    "indicator;unit;period;value\n"
    "sick_leave;Hjemmetjenesten Nord;2026M10;7,5\n"
    "nonsense;Hjemmetjenesten Nord;2026M10;1\n"
    "sick_leave;Nowhere;2026M10;1\n"
    "sick_leave;Hjemmetjenesten Nord;2026M13;1\n"
    "sick_leave;Hjemmetjenesten Nord;2026M11;seven\n"
    "first_contact_in_time;Hjemmetjenesten Nord;2026M11;50\n"
)


@pytest.fixture
def sick_leave(db):
    return Indicator.objects.create(
        code="sick_leave",
        name_nb="Sykefravær",
        name_sv="Sjukfrånvaro",
        name_en="Sick leave",
        source="import",
        measure="percent",
        direction="lower",
        rollup="last",
        external_code="N00090",
    )


@pytest.fixture
def quinn(org):
    return _staff("quinn", org["municipality"], Membership.Role.QUALITY_LEAD)


def test_preview_lists_each_problem_by_line(org, sick_leave):
    found = imports.preview(BAD)
    problems = {line.number: " ".join(line.problems) for line in found.lines if line.problems}
    assert set(problems) == {3, 4, 5, 6, 7}
    assert "unknown indicator “nonsense”" in problems[3]
    assert "unknown unit “Nowhere”" in problems[4]
    assert "not a period" in problems[5]
    assert "is not a number" in problems[6]
    assert "has its own source" in problems[7]
    assert not StoredValue.objects.exists()


def test_wrong_columns_are_named():
    found = imports.preview("kpi,place,when\nx,y,z\n")
    assert "missing columns: indicator, period, value" in found.problems[0]
    assert "unknown columns: kpi, place, when" in found.problems[0]


def test_nothing_imported_from_a_file_with_problems_unless_only_valid(org, sick_leave, quinn):
    with pytest.raises(Refused, match="import only the valid lines"):
        imports.import_values(user=quinn, text=BAD, filename="bad.csv", only_valid=False)
    assert not StoredValue.objects.exists()
    run = imports.import_values(user=quinn, text=BAD, filename="bad.csv", only_valid=True)
    assert (run.imported, run.skipped) == (1, 5)
    assert StoredValue.objects.get().value == Decimal("7.5")


def test_reimporting_the_same_file_does_not_duplicate(org, sick_leave, quinn):
    for _ in range(2):
        imports.import_values(user=quinn, text=GOOD, filename="good.csv", only_valid=False)
    assert StoredValue.objects.count() == 2
    first, second = AuditEvent.objects.filter(object_type="importrun").order_by("id")
    assert first.actor == quinn
    assert first.changes["sick_leave 3401 2025"] == {"old": None, "new": "7.9"}
    assert second.changes == {}  # the same file again changed nothing
    other = StoredValue.objects.get(municipality="3401")
    assert (other.period, other.value, other.unit) == ("2025", Decimal("7.9"), None)


def test_import_page_previews_then_imports_for_the_quality_lead_only(
    client, org, sick_leave, quinn, alice
):
    url = reverse("indicators:import")
    login(client, alice)
    assert client.get(url).status_code == 404
    login(client, quinn)
    upload = SimpleUploadedFile("values.csv", GOOD.encode("utf-8-sig"), "text/csv")
    page = client.post(url, {"file": upload}).content.decode()
    assert "2 of 2 lines are ready to import" in page
    assert not StoredValue.objects.exists()
    client.post(url, {"text": GOOD, "filename": "values.csv"})
    assert StoredValue.objects.count() == 2
    not_text = SimpleUploadedFile("x.csv", b"\xff\xfe\x00bad", "text/csv")
    assert "not UTF-8" in client.post(url, {"file": not_text}).content.decode()


@pytest.mark.parametrize(
    "text",
    [
        "indicator;unit;period;value\n" + "sick_leave;" + "x" * 1_000_000 + ";2026M10;1\n",
        'indicator;unit;period;value\n"sick_leave;Nord;2026M10;1\n',
        "\x91w3\x96f\r\x19'\x93\xb6\xe5",
    ],
)
def test_a_file_that_is_not_csv_is_a_problem_not_a_crash(text):
    found = imports.preview(text)
    assert not found.clean  # the problem is named for the file or for its line
    assert not found.valid


def test_earlier_imports_are_newest_first_and_paged(client, quinn):
    from kasam.indicators.models import ImportRun

    for n in range(12):
        ImportRun.objects.create(
            filename=f"values-{n:02d}.csv",
            sha256=f"{n:064d}",
            imported_by=quinn,
            imported=n,
            skipped=0,
        )
    login(client, quinn)
    first = client.get(reverse("indicators:import")).content.decode()
    assert first.index("values-11.csv") < first.index("values-02.csv")
    assert "values-01.csv" not in first
    assert "values-01.csv" in client.get(reverse("indicators:import") + "?page=2").content.decode()
