"""The audit trail is tamper-evident: the database refuses changes (PostgreSQL), and a row
changed, added or removed with raw SQL by someone who got past that is reported by
`kasam audit verify`."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from kasam.access.services import open_client, record_client_hits
from kasam.audit import chain
from kasam.audit.models import AuditEvent, AuditHit, ChainLink
from kasam.audit.services import Actor

pytestmark = pytest.mark.django_db
on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the database-level refusal is PostgreSQL's"
)


@pytest.fixture
def trail(kari, carol) -> list[AuditEvent]:
    for _ in range(4):
        open_client(actor=Actor(user=carol, ip_address="192.0.2.4"), public_id=kari.public_id)
    chain.seal()
    return list(AuditEvent.objects.order_by("id"))


def _raw(sql: str, params: list[object]) -> None:
    """What someone with the database's owner rights could do, triggers switched off."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # a superuser switches every trigger off
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)


def test_entries_are_signed_sealed_in_order_and_verify(trail):
    assert all(event.digest == chain.digest_of(event) for event in trail)
    positions = list(ChainLink.objects.values_list("position", "event_id"))
    assert positions == [(n, e.pk) for n, e in enumerate(trail, start=1)]
    findings = chain.verify()
    assert findings.intact
    assert findings.checked == 4


def test_the_orm_refuses_changes(trail):
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=trail[0].pk).update(object_type="x")
    with pytest.raises(PermissionError):
        ChainLink.objects.all().delete()


@on_postgres
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET object_type = 'x' WHERE id = %s",
        "DELETE FROM audit_chainlink WHERE event_id = %s",
    ],
)
def test_the_database_refuses_raw_updates_and_deletes(trail, sql):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [trail[1].pk])


def test_a_changed_entry_is_reported(trail):
    _raw("UPDATE audit_auditevent SET ip_address = '198.51.100.1' WHERE id = %s", [trail[1].pk])
    problems = chain.verify().problems
    assert problems == [f"changed: entry {trail[1].pk} differs from its digest"]


def test_a_changed_digest_breaks_the_chain(trail):
    _raw("UPDATE audit_auditevent SET digest = %s WHERE id = %s", ["0" * 64, trail[2].pk])
    assert any("broken chain at position 3" in p for p in chain.verify().problems)


def test_an_inserted_entry_is_reported_and_never_sealed(trail):
    forged = AuditEvent(
        actor=trail[0].actor,
        client=trail[0].client,
        action="read",
        object_type="client",
        basis="unit",
        digest="f" * 64,
    )
    forged.save()
    findings = chain.verify()
    assert findings.problems == [
        f"inserted or changed: entry {forged.pk} has no valid digest and is not in the chain"
    ]
    assert not ChainLink.objects.filter(event=forged).exists()


def test_a_removed_entry_is_reported(trail):
    _raw("DELETE FROM audit_chainlink WHERE event_id = %s", [trail[1].pk])
    _raw("DELETE FROM audit_auditevent WHERE id = %s", [trail[1].pk])
    problems = chain.verify().problems
    assert "missing: chain positions 2–2 are gone" in problems
    assert any("broken chain at position 3" in p for p in problems)


def test_the_command_fails_when_the_trail_is_not_intact(trail, capsys):
    call_command("audit", "verify")
    assert "audit trail intact: 4 entries" in capsys.readouterr().out
    _raw("UPDATE audit_auditevent SET action = 'update' WHERE id = %s", [trail[0].pk])
    with pytest.raises(CommandError, match="NOT intact"):
        call_command("audit", "verify")


@pytest.fixture
def listed(trail, kari, carol) -> AuditEvent:
    """A list that showed Kari: one signed entry and its index row."""
    record_client_hits(actor=Actor(user=carol), clients=[kari])
    chain.seal()
    return AuditEvent.objects.get(action="search")


def test_a_list_entry_signs_its_hits_and_verifies(listed, kari):
    assert listed.changes["shown"] == [AuditHit.objects.get(event=listed).signed()]
    assert chain.verify().intact


def test_a_removed_list_hit_is_reported(listed):
    _raw("DELETE FROM audit_audithit WHERE event_id = %s", [listed.pk])
    problems = chain.verify().problems
    assert problems == [f"changed: the clients indexed for list entry {listed.pk} differ from it"]


def test_a_hit_added_to_an_entry_that_lists_none_is_reported(listed, trail, kari):
    AuditHit.objects.create(event=trail[0], client=kari, basis="unit")
    problems = chain.verify().problems
    assert problems == [f"inserted: client hits of entry {trail[0].pk}, which lists none"]


def _entry(kari, carol) -> AuditEvent:
    open_client(actor=Actor(user=carol), public_id=kari.public_id)
    return AuditEvent.objects.latest("id")


def test_an_ordinary_seal_looks_near_the_end_and_a_full_one_everywhere(
    trail, kari, carol, monkeypatch
):
    late, newer = _entry(kari, carol), _entry(kari, carol)  # `late` committed after `newer`
    monkeypatch.setattr(chain, "LOOKBACK", trail[-1].pk - late.pk)  # sees only past `late`
    assert chain.seal() == 1
    monkeypatch.setattr(chain, "LOOKBACK", 0)
    assert chain.seal() == 0  # behind the chain's end: waits for the full seal
    assert chain.seal(full=True) == 1
    assert ChainLink.objects.get(event=late).position == 6
    assert ChainLink.objects.get(event=newer).position == 5
    assert chain.verify().intact


def test_with_a_worker_requests_leave_the_sealing_to_it(
    trail, kari, carol, settings, django_capture_on_commit_callbacks
):
    from kasam.audit.tasks import seal_chain

    settings.KASAM_AUDIT_SEAL_IN_REQUEST = False
    with django_capture_on_commit_callbacks(execute=True):
        entry = _entry(kari, carol)
    assert not ChainLink.objects.filter(event=entry).exists()
    assert seal_chain.delay().get() == 1
    assert ChainLink.objects.filter(event=entry).exists()


@on_postgres
def test_the_database_refuses_changes_to_list_hits(listed):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM audit_audithit WHERE event_id = %s", [listed.pk])
