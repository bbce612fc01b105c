"""The national registers out (#16): hand-made data with known rows, for Norway's KPR (a year)
and Socialstyrelsen's register (a month); the preview lists every problem by person; only the
municipality's top manager reports; every file is logged as a run and audited."""

from __future__ import annotations

import datetime
import hashlib
import io
import zipfile
import zoneinfo
from xml.etree import ElementTree

import pytest
from django.conf import settings

from kasam.assessments.models import Assessment, ItemScore, ScaleItem, ScaleLevel
from kasam.audit.models import AuditEvent, AuditHit
from kasam.audit.services import Actor
from kasam.careplans.models import CarePlan, PlanActivity, PlanVersion
from kasam.cases.models import CaseType
from kasam.cases.services import register_case
from kasam.conftest import _staff, login
from kasam.core.roles import Role
from kasam.decisions.models import Decision, DecisionLine, Service
from kasam.factories import ClientFactory, ServiceLinkFactory
from kasam.interop.models import RegisterRun
from kasam.interop.registers.kpr import NAMESPACE
from kasam.visits.models import Visit

pytestmark = pytest.mark.django_db
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
NS = {"k": NAMESPACE}


@pytest.fixture
def mona(org):
    """The municipality's top manager."""
    return _staff("mona", org["municipality"], Role.UNIT_MANAGER)


@pytest.fixture
def numbered(settings):
    settings.KASAM_MUNICIPALITY_NUMBER = "9999"


def _case(client, erin, org):
    received = datetime.datetime(2026, 1, 5, 9, tzinfo=OSLO)
    return register_case(
        actor=Actor(erin),
        case_type=CaseType.objects.get(country=settings.KASAM_COUNTRY, code="application"),
        unit=org["office"],
        client=client,
        handler=erin,
        source="client",
        received_at=received,
        channel="digital",
        request="Help at home.",
    ).case


def _lines(case, erin, org, *lines):
    """A decision made on the first line's start; lines: (service code, scope, start, end)."""
    decided = datetime.datetime.combine(lines[0][2], datetime.time(10), tzinfo=OSLO)
    decision = Decision.objects.create(
        case=case,
        status="made",
        justification="Needs help.",
        valid_from=lines[0][2],
        drafted_by=erin,
        decided_by=erin,
        decided_at=decided,
    )
    return [
        DecisionLine.objects.create(
            decision=decision,
            service=Service.objects.get(country=settings.KASAM_COUNTRY, code=code),
            outcome="granted",
            scope=scope,
            starts_on=start,
            ends_on=end,
            provider=org["north"],
        )
        for code, scope, start, end in lines
    ]


def _visits(line, erin, org, outcomes):
    """Visits of 30 minutes for the line: {day: outcome}."""
    decision = line.decision
    plan, _created = CarePlan.objects.get_or_create(client=decision.case.client)
    version = PlanVersion.objects.create(
        plan=plan,
        number=plan.versions.count() + 1,
        decision=decision,
        contact_person=erin,
        created_by=erin,
        status="agreed",
    )
    activity = PlanActivity.objects.create(
        plan_version=version, line=line, what="help", days="0", duration_minutes=30
    )
    for day, outcome in outcomes.items():
        Visit.objects.create(
            client=decision.case.client,
            activity=activity,
            unit=org["north"],
            day=day,
            duration_minutes=30,
            competence="any",
            outcome=outcome,
        )


def _iplos(case, erin, scores):
    assessment = Assessment.objects.create(
        case=case, version=1, what_matters="To manage at home.", made_by=erin
    )
    for code, value in scores.items():
        item = ScaleItem.objects.get(scale__code="iplos", code=code)
        level = ScaleLevel.objects.get(scale__code="iplos", value=value)
        ItemScore.objects.create(assessment=assessment, item=item, level=level)


@pytest.fixture
def norway(kari, erin, org, decision):
    """Kari: home nursing 3 h/week from 23 November 2026 (meals refused), practical help
    2 h/week March-June 2026, a coordinator (not a KPR service), three visits done in 2026 and
    one in 2025, an IPLOS assessment with two scores. Per: a safety alarm, no assessment.
    Sven: a number that is not Norwegian. Siri: served elsewhere, only refused services."""
    nursing = decision.lines.get(service__code="home_nursing")
    _visits(
        nursing,
        erin,
        org,
        {
            datetime.date(2026, 11, 23): "done",
            datetime.date(2026, 11, 30): "partly",
            datetime.date(2026, 12, 7): "done",
            datetime.date(2026, 12, 14): "not_done",
        },
    )
    case = decision.case
    _lines(
        case,
        erin,
        org,
        ("practical_help", 2, datetime.date(2026, 3, 1), datetime.date(2026, 6, 30)),
        ("coordinator", None, datetime.date(2026, 3, 1), None),
    )
    _iplos(case, erin, {"hygiene": 3, "dressing": 9})
    per = ClientFactory(first_name="Per", last_name="Alarm")
    ServiceLinkFactory(client=per, unit=org["north"])
    _lines(
        _case(per, erin, org), erin, org, ("safety_alarm", None, datetime.date(2025, 5, 2), None)
    )
    sven = ClientFactory(
        first_name="Sven", last_name="Svensson", national_id="194107089809"
    )  # a Swedish test number
    ServiceLinkFactory(client=sven, unit=org["north"])
    _lines(_case(sven, erin, org), erin, org, ("meals", 7, datetime.date(2026, 2, 1), None))
    return {"kari": kari, "per": per, "sven": sven}


def test_the_kpr_file_holds_the_known_rows_and_the_run_is_logged(client, mona, norway, numbered):
    login(client, mona)
    preview = client.get("/registers/", {"period": "2026"})
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "The file will hold 2 persons." in page
    assert "No Norwegian national ID number" in page  # Sven, left out
    assert "No IPLOS assessment made by" in page  # Per
    assert "15 IPLOS variables have no score." in page  # Kari
    answer = client.post("/registers/file/", {"period": "2026"})
    assert answer.status_code == 200
    assert answer["Content-Disposition"] == 'attachment; filename="kpr-9999-2026.zip"'
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        content = ElementTree.fromstring(archive.read("KPR_IPL.xml"))  # noqa: S314 (our own file)
        identities = ElementTree.fromstring(archive.read("KPR_IDE.xml"))  # noqa: S314
    kari, per = norway["kari"], norway["per"]
    assert content.get("kommunenummer") == "9999"
    assert content.get("periode") == "2026"
    people = {p.get("id"): p for p in content.findall("k:Person", NS)}
    assert set(people) == {str(kari.public_id), str(per.public_id)}
    services = [s.attrib for s in people[str(kari.public_id)].findall("k:Tjeneste", NS)]
    assert services == [
        {
            "type": "praktisk_bistand",
            "startdato": "2026-03-01",
            "timerGitt": "0.0",
            "vedtaksdato": "2026-03-01",
            "sluttdato": "2026-06-30",
            "timerPerUke": "2.0",
        },
        {
            "type": "helsetjenester_i_hjemmet",
            "startdato": "2026-11-23",
            "timerGitt": "1.5",  # three visits of 30 minutes done or partly done
            "timerPerUke": "3.0",
        },
    ]
    functions = people[str(kari.public_id)].findall("k:Funksjon", NS)
    assert {f.get("variabel"): f.get("verdi") for f in functions} == {
        "personligHygiene": "3",
        "kleAvPa": "9",
    }
    alarm = people[str(per.public_id)].findall("k:Tjeneste", NS)
    assert [s.get("type") for s in alarm] == ["trygghetsalarm"]
    assert kari.national_id not in archive_text(answer.content, "KPR_IPL.xml")
    named = {p.get("id"): p.get("fodselsnummer") for p in identities.findall("k:Person", NS)}
    assert named == {str(kari.public_id): kari.national_id, str(per.public_id): per.national_id}
    run = RegisterRun.objects.get()
    assert (run.register, run.period, run.made_by, run.persons, run.rows) == (
        "kpr",
        "2026",
        mona,
        2,
        3,
    )
    assert (run.left_out, run.with_warnings) == (1, 2)
    assert run.checksum == hashlib.sha256(answer.content).hexdigest()
    exported = AuditEvent.objects.get(action="export", object_type="client")
    logged = set(AuditHit.objects.filter(event=exported).values_list("client", flat=True))
    assert logged == {kari.pk, per.pk}
    assert AuditEvent.objects.filter(action="export", object_type="registerrun").exists()
    log = client.get("/registers/").content.decode()
    assert "2 persons, 3 rows" in log
    assert "1 left out, 2 with warnings" in log


def archive_text(body: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return archive.read(name).decode()


def test_the_preview_logs_the_persons_it_names(client, mona, norway, numbered):
    login(client, mona)
    client.get("/registers/", {"period": "2026"})
    shown = AuditEvent.objects.get(action="search", object_type="client", actor=mona)
    named = set(AuditHit.objects.filter(event=shown).values_list("client", flat=True))
    assert named == {c.pk for c in norway.values()}  # each has a problem
    assert not RegisterRun.objects.exists()  # a preview stores nothing


def test_only_the_top_manager_reports(client, dave, alice, norway, numbered):
    for user in (dave, alice):  # a unit's manager, a care worker
        login(client, user)
        assert client.get("/registers/").status_code == 404
        assert client.post("/registers/file/", {"period": "2026"}).status_code == 404
    assert not RegisterRun.objects.exists()


@pytest.mark.parametrize("period", ["26", "2026-01", "twenty", "2026\x00", "9" * 50, ""])
def test_a_bad_period_is_refused_with_a_message(client, mona, period, numbered):
    login(client, mona)
    shown = client.get("/registers/", {"period": period})
    assert shown.status_code == 400
    made = client.post("/registers/file/", {"period": period})
    assert made.status_code == 400
    assert not RegisterRun.objects.exists()


def test_without_the_municipality_number_no_file_is_made(client, mona, norway, settings):
    settings.KASAM_MUNICIPALITY_NUMBER = ""
    login(client, mona)
    page = client.get("/registers/", {"period": "2026"}).content.decode()
    assert "KASAM_MUNICIPALITY_NUMBER" in page
    assert "Make the file" not in page
    refused = client.post("/registers/file/", {"period": "2026"})
    assert refused.status_code == 400
    assert "KASAM_MUNICIPALITY_NUMBER" in refused.content.decode()
    assert not RegisterRun.objects.exists()


def test_with_a_worker_the_file_is_a_job(
    client, mona, norway, numbered, settings, django_capture_on_commit_callbacks
):
    settings.KASAM_BACKGROUND_EXPORTS = True
    login(client, mona)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post("/registers/file/", {"period": "2026"})
    assert answer.status_code == 302
    assert answer["Location"].startswith("/jobs/")
    download = client.get(answer["Location"] + "download/")
    assert download.status_code == 200
    assert RegisterRun.objects.get().checksum == hashlib.sha256(download.content).hexdigest()


@pytest.fixture
def sweden(settings, erin, org):
    """November 2026. Anna: service 10 h/week from 10 November and personal care 5 h/week all
    year (both home help, hemtjänst), two visits of 30 minutes done in November; home nursing
    (health care, another register). Bo: a safety alarm that ended on 15 November."""
    settings.KASAM_COUNTRY = "SE"
    settings.KASAM_MUNICIPALITY_NUMBER = "0999"
    anna = ClientFactory(first_name="Anna", last_name="Andersson")
    bo = ClientFactory(first_name="Bo", last_name="Berg")
    for person in (anna, bo):
        ServiceLinkFactory(client=person, unit=org["north"])
    _service, care, _nursing = _lines(
        _case(anna, erin, org),
        erin,
        org,
        ("practical_help", 10, datetime.date(2026, 11, 10), None),
        ("personal_care", 5, datetime.date(2026, 1, 1), None),
        ("home_nursing", 2, datetime.date(2026, 1, 1), None),
    )
    _visits(
        care, erin, org, {datetime.date(2026, 11, 2): "done", datetime.date(2026, 11, 9): "done"}
    )
    _visits(care, erin, org, {datetime.date(2026, 12, 7): "done"})  # another month
    _lines(
        _case(bo, erin, org),
        erin,
        org,
        ("safety_alarm", None, datetime.date(2025, 3, 1), datetime.date(2026, 11, 15)),
    )
    return {"anna": anna, "bo": bo}


def test_the_socialstyrelsen_files_hold_the_known_lines(client, mona, sweden):
    login(client, mona)
    assert (
        "The file will hold 2 persons."
        in client.get("/registers/", {"period": "2026-11"}).content.decode()
    )
    answer = client.post("/registers/file/", {"period": "2026-11"})
    assert answer["Content-Disposition"] == (
        'attachment; filename="socialstyrelsen-0999-202611.zip"'
    )
    anna, bo = sweden["anna"].national_id, sweden["bo"].national_id
    assert archive_text(answer.content, "bilaga1.txt") == (
        f"0999;{anna};202611;SoL;hemtjanst;65,0;1,0\r\n"  # (10 + 5) x 52 / 12; two visits
    )
    assert archive_text(answer.content, "bilaga2.txt") == (
        f"0999;{anna};202611;SoL;hemtjanst;20261110\r\n"
        f"0999;{bo};202611;SoL;trygghetslarm;20250301;20261115\r\n"
    )
    assert RegisterRun.objects.get().rows == 3
